from django.core.management.base import BaseCommand, CommandError

from transfer.export import export_library


class Command(BaseCommand):
    help = (
        "Write every article, exercise, self-check, topic, clinician and page to a zip of markdown "
        "files with their pictures and a manifest. Nothing personal (no requests, no subscribers) goes in it."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write the zip, e.g. content.zip.")

    def handle(self, *args, path, **options):
        try:
            counts = export_library(path)
        except OSError as error:
            raise CommandError(f"Could not write {path}: {error}") from error
        summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Wrote {path}: {summary}."))

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from articles.models import Topic
from clinicians.models import Clinician
from transfer.importer import Importer
from transfer.sources import WEBFLOW_COLUMNS, ExportFile, MarkdownFolder, WebflowCSV


class Command(BaseCommand):
    help = (
        "Bring content in from this site's export (.zip), a Webflow CMS collection export (.csv) or a "
        "folder of markdown files with front matter. Everything arrives as a draft awaiting clinical "
        "review; nothing is published. One transaction: a file that cannot be read changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="A .zip from export_content, a Webflow .csv, or a folder of .md files."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen and change nothing."
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="Replace items already on the site (as drafts) instead of skipping them.",
        )
        parser.add_argument(
            "--restore",
            action="store_true",
            help="For this site's own export: keep what it says about publication and review, and the clinic's "
            "details, so the site becomes what the file holds (moving or restoring a site).",
        )
        parser.add_argument(
            "--author", help="Clinician (by slug) credited with Webflow or markdown articles."
        )
        parser.add_argument(
            "--images", help="Folder holding the pictures the articles name; nothing is fetched."
        )
        parser.add_argument(
            "--old-url-prefix",
            help="Where the articles lived before, e.g. /post/, to list the redirects needed.",
        )
        parser.add_argument("--mapping", help="JSON file of our field names to Webflow column names.")
        parser.add_argument(
            "--map", action="append", default=[], metavar="FIELD=COLUMN", help="One field's Webflow column."
        )

    def handle(self, *args, path, **options):
        source = self.source(Path(path), options)
        importer = Importer(
            source.read_media,
            restore=options["restore"],
            update=options["update"],
            dry_run=options["dry_run"],
        )
        report = importer.run(source.items())
        self.print_report(report, getattr(source, "notes", []), options["dry_run"])

    def source(self, path, options):
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        if path.suffix.lower() == ".zip":
            return ExportFile(path)
        if options["restore"]:
            raise CommandError("--restore is only for this site's own export (.zip).")
        foreign = {
            "author": self.author(options["author"]),
            "images": options["images"],
            "old_url_prefix": options["old_url_prefix"],
            "topic_names": {
                **{slugify(name): slug for name, slug in Topic.objects.values_list("name", "slug")},
                **{slug: slug for slug in Topic.objects.values_list("slug", flat=True)},
            },
        }
        if path.is_dir():
            return MarkdownFolder(path, **foreign)
        if path.suffix.lower() == ".csv":
            return WebflowCSV(path, columns=self.columns(options), **foreign)
        raise CommandError(f"{path} is not a .zip, a .csv or a folder.")

    def author(self, slug):
        if slug:
            if not Clinician.objects.filter(slug=slug).exists():
                known = ", ".join(Clinician.objects.values_list("slug", flat=True)) or "none yet"
                raise CommandError(f"There is no clinician “{slug}”. Clinicians: {known}.")
            return slug
        only = list(Clinician.objects.values_list("slug", flat=True)[:2])
        if len(only) == 1:
            return only[0]
        raise CommandError("Say which clinician wrote these articles: --author <clinician slug>.")

    def columns(self, options):
        columns = {}
        if options["mapping"]:
            try:
                columns.update(json.loads(Path(options["mapping"]).read_text()))
            except (OSError, ValueError) as error:
                raise CommandError(f"The mapping file cannot be read: {error}") from error
        for pair in options["map"]:
            name, _, column = pair.partition("=")
            if not column:
                raise CommandError(f'--map takes FIELD=COLUMN, e.g. summary="Post Summary" (got {pair!r}).')
            columns[name.strip()] = column.strip()
        known = {*WEBFLOW_COLUMNS, "topics", "key_takeaways", "when_to_get_help"}
        if unknown := set(columns) - known:
            raise CommandError(
                f"Unknown field(s) {', '.join(sorted(unknown))}; fields: {', '.join(sorted(known))}."
            )
        return columns

    def print_report(self, report, notes, dry_run):
        write = self.stdout.write
        if dry_run:
            write(self.style.WARNING("Dry run: nothing was changed. This is what would happen."))
        for title, lines in (
            ("Created (drafts awaiting clinical review)" if not dry_run else "Would create", report.created),
            ("Updated" if not dry_run else "Would update", report.updated),
            ("Skipped", report.skipped),
            ("Problems", report.problems),
            ("Pictures to upload", report.missing_images),
            ("Notes", notes),
        ):
            if lines:
                write(f"\n{title} ({len(lines)}):")
                write("\n".join(f"  - {line}" for line in lines))
        if report.redirects:
            write("\nOld addresses to redirect:")
            write("\n".join(f"  {old} -> {new}" for old, new in report.redirects))
        write(
            f"\n{len(report.created)} created, {len(report.updated)} updated, {len(report.unchanged)} unchanged, "
            f"{len(report.skipped)} skipped, {len(report.problems)} problem(s)."
        )

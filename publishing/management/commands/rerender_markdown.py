from django.core.management.base import BaseCommand
from django.db import transaction

from publishing.caching import content_changed
from publishing.markdown import STORED_HTML


class Command(BaseCommand):
    help = "Re-render the stored HTML of all staff markdown. Run after changing publishing/markdown.py."

    @transaction.atomic
    def handle(self, *args, **options):
        done = []
        for model, render, fields in STORED_HTML:
            rows = list(model.objects.all())
            for row in rows:
                render(row)
            # bulk_update saves only these fields, so edit dates and revision history stay as they were.
            model.objects.bulk_update(rows, fields)
            done.append(f"{len(rows)} {model._meta.verbose_name_plural}")
        content_changed()
        self.stdout.write(f"Re-rendered {', '.join(done)}.")

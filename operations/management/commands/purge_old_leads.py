from django.core.management.base import BaseCommand

from operations.retention import purge_all


class Command(BaseCommand):
    help = (
        "Delete every record kept past its period in operations/retention.py: booking requests, "
        "unconfirmed sign-ups, Insights days, form counts and staff sign-in records. Safe to run "
        "hourly, and on several servers at once."
    )

    def handle(self, *args, **options):
        counts = "; ".join(f"{records}: {count}" for records, count in purge_all())
        self.stdout.write(f"Deleted {counts}.")

from django.core.management.base import BaseCommand

from scheduling.emails import intro_call_reminders_queue


class Command(BaseCommand):
    help = "Queue a reminder email for each booked intro call starting within the reminder period. Run from cron every few minutes; each call is reminded once."

    def handle(self, *args, **options):
        queued = intro_call_reminders_queue()
        self.stdout.write(f"Queued {queued} reminders; send_pending_emails sends them.")

from django.core.management.base import BaseCommand

from scheduling.services import intro_call_reminders_send


class Command(BaseCommand):
    help = "Email a reminder for each booked intro call starting within the reminder period. Run from cron every few minutes; each call is reminded once."

    def handle(self, *args, **options):
        sent = intro_call_reminders_send()
        self.stdout.write(f"Sent {sent} reminders.")

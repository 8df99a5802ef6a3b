from django.core.management.base import BaseCommand

from booking.services import booking_emails_pending, booking_emails_send
from newsletter.models import Subscriber
from newsletter.services import subscriber_confirmation_send
from scheduling.services import intro_call_emails_pending, intro_call_emails_send


def unconfirmed_signups():
    return Subscriber.objects.filter(confirmed_at__isnull=True, confirmation_sent_at__isnull=True)


class Command(BaseCommand):
    help = (
        "Send every email still owed: booking notices and confirmations, intro-call confirmations "
        "and notices, newsletter confirmations. Each goes out once, however many runs overlap."
    )

    def handle(self, *args, **options):
        bookings = list(booking_emails_pending().values_list("pk", flat=True))
        for pk in bookings:
            booking_emails_send(pk)
        calls = list(intro_call_emails_pending().values_list("pk", flat=True))
        for pk in calls:
            intro_call_emails_send(pk)
        subscribers = list(unconfirmed_signups().values_list("pk", flat=True))
        for pk in subscribers:
            subscriber_confirmation_send(pk)
        still_pending = (
            booking_emails_pending().count()
            + intro_call_emails_pending().count()
            + unconfirmed_signups().count()
        )
        self.stdout.write(
            f"Retried {len(bookings)} booking requests, {len(calls)} intro calls and {len(subscribers)} "
            f"sign-ups; {still_pending} still unsent."
        )

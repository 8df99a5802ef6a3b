from django.core.management.base import BaseCommand

from booking.services import booking_emails_pending, booking_emails_send
from newsletter.models import Subscriber
from newsletter.services import subscriber_confirmation_send


class Command(BaseCommand):
    help = (
        "Retry emails that failed to send: booking notifications and confirmations, newsletter confirmations."
    )

    def handle(self, *args, **options):
        bookings = list(booking_emails_pending().values_list("pk", flat=True))
        for pk in bookings:
            booking_emails_send(pk)
        subscribers = list(
            Subscriber.objects.filter(
                confirmed_at__isnull=True, confirmation_sent_at__isnull=True
            ).values_list("pk", flat=True)
        )
        for pk in subscribers:
            subscriber_confirmation_send(pk)
        still_pending = (
            booking_emails_pending().count()
            + Subscriber.objects.filter(confirmed_at__isnull=True, confirmation_sent_at__isnull=True).count()
        )
        self.stdout.write(
            f"Retried {len(bookings)} booking requests and {len(subscribers)} sign-ups; {still_pending} still unsent."
        )

import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from booking.services import booking_emails_pending, booking_emails_queue
from newsletter.models import Subscriber
from newsletter.services import subscriber_confirmation_queue
from public_forms.models import QueuedEmail
from public_forms.outbox import send_due
from scheduling.emails import intro_call_emails_pending, intro_call_emails_queue

logger = logging.getLogger(__name__)


def unconfirmed_signups():
    return Subscriber.objects.filter(confirmed_at__isnull=True, confirmation_sent_at__isnull=True)


def queue_unqueued():
    """Rows saved without their emails queued (by a release before the queue) get them now."""
    for pk in booking_emails_pending().values_list("pk", flat=True):
        booking_emails_queue(pk)
    for pk in intro_call_emails_pending().values_list("pk", flat=True):
        intro_call_emails_queue(pk)
    for pk in unconfirmed_signups().values_list("pk", flat=True):
        subscriber_confirmation_queue(pk)


class Command(BaseCommand):
    help = (
        "Send every queued email that is due, each once however many senders run at once; with "
        "--watch, keep doing so every few seconds (one sender per server, or one for the site)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--watch", action="store_true", help="keep sending until stopped")
        parser.add_argument("--interval", type=float, default=5, help="seconds between passes with --watch")

    def handle(self, *args, watch, interval, **options):
        if not watch:
            queue_unqueued()
            sent = send_due()
            waiting = QueuedEmail.objects.filter(status=QueuedEmail.Status.PENDING).count()
            failed = QueuedEmail.objects.filter(status=QueuedEmail.Status.FAILED).count()
            self.stdout.write(f"Sent {sent} emails; {waiting} waiting to be retried, {failed} failed.")
            return
        while True:
            close_old_connections()
            try:
                queue_unqueued()
                send_due()
            except Exception:  # the database may be away for a moment: try again next pass
                logger.exception("Could not send queued emails; trying again in %s s", interval)
            time.sleep(interval)

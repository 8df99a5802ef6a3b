import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from public_forms.models import QueuedEmail
from public_forms.outbox import queue_owed, send_due

logger = logging.getLogger(__name__)


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
            queue_owed()
            sent = send_due()
            waiting = QueuedEmail.objects.filter(status=QueuedEmail.Status.PENDING).count()
            failed = QueuedEmail.objects.filter(status=QueuedEmail.Status.FAILED).count()
            self.stdout.write(f"Sent {sent} emails; {waiting} waiting to be retried, {failed} failed.")
            return
        while True:
            close_old_connections()
            try:
                queue_owed()
                send_due()
            except Exception:  # the database may be away for a moment: try again next pass
                logger.exception("Could not send queued emails; trying again in %s s", interval)
            time.sleep(interval)

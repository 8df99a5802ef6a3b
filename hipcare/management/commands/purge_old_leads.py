from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from booking.models import BookingRequest
from newsletter.models import Subscriber


class Command(BaseCommand):
    help = (
        "Delete booking requests older than LEAD_RETENTION_DAYS and newsletter sign-ups never "
        "confirmed within UNCONFIRMED_SIGNUP_DAYS. Safe to run daily."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        requests, _ = BookingRequest.objects.filter(
            created_at__lt=now - timedelta(days=settings.LEAD_RETENTION_DAYS)
        ).delete()
        signups, _ = Subscriber.objects.filter(
            confirmed_at__isnull=True, created_at__lt=now - timedelta(days=settings.UNCONFIRMED_SIGNUP_DAYS)
        ).delete()
        self.stdout.write(f"Deleted {requests} booking requests and {signups} unconfirmed sign-ups.")

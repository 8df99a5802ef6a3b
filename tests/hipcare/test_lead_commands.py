from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from booking.models import BookingRequest
from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db


def aged(model, days, **fields):
    row = model.objects.create(**fields)
    model.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(days=days))
    return row


def test_purge_deletes_old_requests_and_stale_unconfirmed_signups(settings):
    settings.LEAD_RETENTION_DAYS = 90
    settings.UNCONFIRMED_SIGNUP_DAYS = 14
    aged(BookingRequest, 91, first_name="Old", email="old@example.com", has_consented=True)
    kept = aged(BookingRequest, 89, first_name="Recent", email="recent@example.com", has_consented=True)
    aged(Subscriber, 15, email="stale@example.com")
    fresh = aged(Subscriber, 13, email="fresh@example.com")
    loyal = aged(Subscriber, 400, email="loyal@example.com", confirmed_at=timezone.now())
    output = StringIO()

    call_command("purge_old_leads", stdout=output)
    call_command("purge_old_leads", stdout=StringIO())

    assert list(BookingRequest.objects.all()) == [kept]
    assert set(Subscriber.objects.all()) == {fresh, loyal}
    assert "booking requests (with the calls booked with them): 1;" in output.getvalue()
    assert "unconfirmed newsletter sign-ups: 1;" in output.getvalue()


def test_pending_emails_are_retried_once_mail_works():
    booking = BookingRequest.objects.create(first_name="Sam", email="sam@example.com", has_consented=True)
    Subscriber.objects.create(email="reader@example.com")
    output = StringIO()

    call_command("send_pending_emails", stdout=output)
    call_command("send_pending_emails", stdout=StringIO())

    assert sorted(message.to[0] for message in mail.outbox) == [
        "frontdesk@localhost",
        "reader@example.com",
        "sam@example.com",
    ]
    booking.refresh_from_db()
    assert booking.notified_at and booking.confirmed_at
    assert "Sent 3 emails; 0 waiting to be retried, 0 failed." in output.getvalue()

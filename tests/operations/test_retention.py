"""Every period the site keeps records for: stated on the privacy page, and kept by the purge.

The registry (operations/retention.py) lists each period the code applies. For each one, the rows
made by the doors visitors and staff use are kept until just before the stated period and gone
just after it, once cron's `purge_old_leads` has run; and the privacy page shows the same number.
"""

from datetime import UTC, datetime, time, timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from booking.forms import source_token
from booking.models import BookingRequest
from insights.models import DailyCount
from newsletter.models import Subscriber
from operations.retention import RETENTIONS
from public_forms.forms import started_token
from public_forms.models import QueuedEmail, Tally
from public_forms.outbox import send_due
from scheduling.models import IntroCall
from tests.factories import StaffFactory
from tests.insights.reading import read
from tests.scheduling.calls import BOOK, call_form, every_free_time

pytestmark = pytest.mark.django_db


def request_a_call(client):
    return client.post(
        "/book/",
        {
            "first_name": "Robin",
            "email": "robin@example.com",
            "phone": "",
            "preferred_time": "weekday-morning",
            "has_consented": "on",
            "source": source_token("/"),
            "started": started_token(),
            "website": "",
        },
    )


def sign_up(client, email="reader@example.com", **extra):
    return client.post(
        reverse("newsletter:subscribe"), {"email": email, "started": started_token(), "website": ""}, **extra
    )


def book_a_call(client):
    return client.post(BOOK, call_form(every_free_time()[0].starts_at))


def booked_calls(client, request):
    request.getfixturevalue("every_day_nine_to_ten")
    assert book_a_call(client).status_code == 302
    return [BookingRequest.objects.all(), IntroCall.objects.all()]


def unconfirmed_signups(client, request):
    assert sign_up(client).status_code == 302
    return [Subscriber.objects.all()]


def counted_days(client, request):
    read(client, "/")
    return [DailyCount.objects.all()]


def form_counts(client, request):
    assert request_a_call(client).status_code == 302
    assert sign_up(client).status_code == 302
    return [Tally.objects.all()]


def call_counts(client, request):
    request.getfixturevalue("every_day_nine_to_ten")
    assert book_a_call(client).status_code == 302
    return [Tally.objects.all()]


def email_copies(client, request):
    assert request_a_call(client).status_code == 302
    send_due()
    return [QueuedEmail.objects.all()]


def sign_in_records(client, request):
    get_user_model().objects.create_user("frontdesk", password="a long staff password", is_staff=True)
    # Signed in first: a sign-in clears the failed attempts before it.
    client.post("/admin/login/", {"username": "frontdesk", "password": "a long staff password"})
    client.post("/admin/login/", {"username": "frontdesk", "password": "a wrong guess"})
    client.post("/admin/login/", {"username": "someone", "password": "another guess"})
    return [AccessAttempt.objects.all(), AccessLog.objects.all()]


# Each period in the registry, with the doors that make its rows.
MADE_BY = {
    "lead_retention_days": booked_calls,
    "unconfirmed_signup_days": unconfirmed_signups,
    "insights_retention_days": counted_days,
    "form_count_hours": form_counts,
    "call_count_days": call_counts,
    "email_copy_days": email_copies,
    "sign_in_record_days": sign_in_records,
}


def test_every_period_the_code_applies_is_tested_here():
    assert [retention.name for retention in RETENTIONS] == list(MADE_BY)


def test_the_privacy_page_states_every_period_with_the_number_the_purge_uses(client, settings):
    settings.LEAD_RETENTION_DAYS, settings.UNCONFIRMED_SIGNUP_DAYS = 181, 17
    settings.INSIGHTS_RETENTION_DAYS, settings.FORM_TOKEN_MAX_AGE_HOURS = 401, 7
    settings.SENT_EMAIL_DAYS, settings.SIGN_IN_RECORD_DAYS = 9, 23

    html = client.get("/privacy/").content.decode()

    for retention in RETENTIONS:
        assert f"<strong>{retention.amount} {retention.unit}</strong>" in html, retention.name
    assert [retention.amount for retention in RETENTIONS] == [181, 17, 401, 7, 2, 9, 23]


def purge_at(moment, monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(timezone, "now", lambda: moment)
        call_command("purge_old_leads", stdout=StringIO())


@pytest.mark.parametrize("retention", RETENTIONS, ids=lambda retention: retention.name)
def test_records_are_kept_until_their_stated_period_and_deleted_after_it(retention, request, monkeypatch):
    client = Client(REMOTE_ADDR="203.0.113.5", HTTP_USER_AGENT="Mozilla/5.0 (Phone)")
    made_from = timezone.now()
    tables = MADE_BY[retention.name](client, request)
    made_by = timezone.now()
    if tables[0].model is DailyCount:  # a day's counts run until the day ends
        made_from = made_by = timezone.make_aware(
            datetime.combine(timezone.localdate() + timedelta(days=1), time())
        )
    assert all(rows.exists() for rows in tables)

    purge_at(made_from + retention.period - timedelta(minutes=1), monkeypatch)
    assert all(rows.exists() for rows in tables), "deleted before the period the privacy page states"

    purge_at(made_by + retention.period + timedelta(seconds=1), monkeypatch)
    assert not any(rows.exists() for rows in tables), "kept past the period the privacy page states"


def test_the_purge_says_what_it_deleted(monkeypatch):
    StaffFactory(username="frontdesk")
    Client().post("/admin/login/", {"username": "frontdesk", "password": "a wrong guess"})
    output = StringIO()
    with monkeypatch.context() as patched:
        patched.setattr(timezone, "now", lambda: datetime.now(UTC) + timedelta(days=400))
        call_command("purge_old_leads", stdout=output)
    assert "records of staff sign-ins and failed attempts: 1" in output.getvalue()
    assert "booking requests (with the calls booked with them): 0" in output.getvalue()

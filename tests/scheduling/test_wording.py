"""Words visitors read are whole, grammatical US English with the settings a new clinic starts
with, and dates read one way."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from clinic.models import ClinicProfile
from public_forms.forms import started_token
from tests.booking.request_form import request_form
from tests.scheduling.calls import call_form, every_free_time

pytestmark = pytest.mark.django_db
AWKWARD = [
    r"\bthe our\b",
    r"\ba our\b",
    r"\bour clinic newsletter\b",
    r"\bDo 1[,.]",
    r"  ",
    r" [,.]",
    r"\bNone\b",
    r"\(\)",
    r"@localhost",
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December)\b",
]


def awkward_parts(text):
    return [pattern for pattern in AWKWARD if re.search(pattern, text)]


@pytest.fixture
def emails_a_new_clinic_sends(client, every_day_nine_to_ten, send_queued_emails, settings):
    ClinicProfile.objects.all().delete()
    settings.CLINIC = {
        **settings.CLINIC,
        "name": "Hipcare Pelvic Health",
        "email_name": "our clinic",
        "phone": "",
        "email": "",
        "address": "",
    }
    settings.DEFAULT_FROM_EMAIL = "Our clinic <hello@clinic.example>"
    first = every_free_time()[0]
    client.post(reverse("booking:request"), request_form())
    client.post(reverse("scheduling:book"), call_form(first.starts_at, email="other@example.com"))
    client.post(reverse("newsletter:subscribe"), {"email": "reader@example.com", "started": started_token()})
    send_queued_emails()
    return mail.outbox


def test_emails_read_cleanly_with_the_settings_a_new_clinic_starts_with(emails_a_new_clinic_sends):
    assert len(emails_a_new_clinic_sends) >= 5
    for message in emails_a_new_clinic_sends:
        for text in (message.subject, message.body):
            assert awkward_parts(text) == [], (message.subject, text)


@pytest.mark.parametrize("spelling", ["centre", "orthopaedic", "towards", "colour", "behaviour"])
def test_the_demo_speaks_us_english(demo, client, spelling):
    for path in (
        "/",
        "/articles/is-a-tight-pelvic-floor-causing-your-hip-pain/",
        "/exercises/figure-4-stretch/",
    ):
        assert spelling not in client.get(path).content.decode().lower(), path

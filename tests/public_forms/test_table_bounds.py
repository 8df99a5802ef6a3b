"""Floods of public posts add no more rows than the bounds docs/deploy.md states.

Bounds tested elsewhere: booking requests per address (tests/booking/test_views.py), intro calls
per email address, per connection and in a burst (tests/scheduling/test_abuse.py), Insights values
a day (tests/insights/test_counting.py), and every period rows are kept (tests/hipcare/test_retention.py).
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsletter.models import Subscriber
from public_forms.forms import started_token
from public_forms.models import Tally

pytestmark = pytest.mark.django_db
URL = reverse("newsletter:subscribe")


def sign_up(email, address):
    return Client(REMOTE_ADDR=address).post(URL, {"email": email, "started": started_token(), "website": ""})


def test_a_flood_of_sign_ups_from_one_address_adds_at_most_the_rate_limit(settings):
    settings.FORM_RATE_LIMIT_PER_MINUTE = 5

    answers = [sign_up(f"flood{n}@example.com", "203.0.113.9").status_code for n in range(40)]

    assert answers == [302] * 5 + [429] * 35
    assert Subscriber.objects.count() == 5


def test_one_email_address_signed_up_from_many_addresses_is_one_row():
    for n in range(30):
        assert sign_up("same@example.com", f"198.51.100.{n}").status_code == 302
    assert Subscriber.objects.count() == 1


def test_counts_from_a_flood_of_rotating_addresses_go_once_their_lifetime_is_over(settings, monkeypatch):
    for n in range(60):
        sign_up(f"reader{n}@example.com", f"198.51.100.{n}")
    assert Tally.objects.count() <= 2 * 60  # a count per address a minute, and the form's single use

    later = timezone.now() + timedelta(hours=settings.FORM_TOKEN_MAX_AGE_HOURS, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    sign_up("one-more@example.com", "192.0.2.1")

    # Making a count deletes every expired one, so the table holds only the last lifetime's posts.
    assert Tally.objects.count() == 2

"""The times the opening rules allow are kept in the cache; the booking pages still offer exactly
the free times: a booked time leaves them at once, a cancelled one comes back at once, and each
change staff make to the rules in the admin shows on the next request."""

import re
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from public_forms.forms import started_token
from scheduling.links import manage_url
from scheduling.models import IntroCall
from tests.scheduling.calls import BOOK, call_form, every_free_time

pytestmark = pytest.mark.django_db
REQUEST = reverse("booking:request")


def offered_times(client, day):
    return re.findall(
        r'value="(\d{4}-\d\d-\d\dT[^"]+)"', client.get(BOOK, {"day": day.isoformat()}).content.decode()
    )


def offered_counts(client):
    page = client.get(REQUEST).content.decode()
    return dict(
        re.findall(r"day=(\d{4}-\d\d-\d\d)[^>]*><span[^>]*>[^<]*</span> <span[^>]*>(\d+) times?<", page)
    )


def test_a_booked_time_leaves_the_booking_pages_at_once_and_a_cancelled_one_comes_back(
    client, every_day_nine_to_ten
):
    free = every_free_time()[0]
    day = timezone.localtime(free.starts_at).date()
    before = offered_counts(client)[day.isoformat()]
    assert free.starts_at.isoformat() in offered_times(client, day)

    assert client.post(BOOK, call_form(free.starts_at)).status_code == 302

    assert free.starts_at.isoformat() not in offered_times(client, day)
    assert int(offered_counts(client)[day.isoformat()]) == int(before) - 1
    cancelled = client.post(manage_url(IntroCall.objects.get()) + "cancel/", {"started": started_token()})
    assert "Your call is cancelled" in cancelled.content.decode()
    assert free.starts_at.isoformat() in offered_times(client, day)
    assert offered_counts(client)[day.isoformat()] == before


def test_changes_to_the_rules_in_the_admin_show_at_once(client, admin_client, every_day_nine_to_ten):
    day = timezone.localtime(every_free_time()[0].starts_at).date()
    counts = offered_counts(client)
    later_day = max(counts)  # a whole day past the notice: nine to ten holds four 10-minute calls
    assert counts[later_day] == "4"

    rules = {"slot_minutes": 25, "buffer_minutes": 5, "minimum_notice_hours": 12, "horizon_days": 21}
    changed = admin_client.post(
        reverse("admin:scheduling_schedulingpolicy_change", args=[1]), {**rules, "reminder_hours": 24}
    )
    assert changed.status_code == 302
    assert offered_counts(client)[later_day] == "2"

    added = admin_client.post(
        reverse("admin:scheduling_availabilitywindow_add"),
        {
            "clinician": every_day_nine_to_ten.pk,
            "weekday": day.weekday(),
            "opens_at": "14:00",
            "closes_at": "15:00",
        },
    )
    assert added.status_code == 302
    afternoon = [
        time
        for time in offered_times(client, day)
        if timezone.localtime(datetime.fromisoformat(time)).hour == 14
    ]
    assert len(afternoon) == 2

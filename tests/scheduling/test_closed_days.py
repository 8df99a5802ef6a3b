"""Days the clinic closes in the admin offer no times and accept none, through every door that
offers or accepts a time: the request page, the booking page, booking, the visitor's move and the
front desk's move. The demo closes the usual US holidays of any year."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from booking.models import BookingRequest
from demo.holidays import closed_days
from public_forms.forms import started_token
from scheduling.links import manage_url
from scheduling.models import ClosedDate, IntroCall
from scheduling.slots import free_times

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_day(admin_client, every_day_nine_to_ten):
    """A day with free times, then closed by staff in the admin; its first time, and a booked call
    on another day to move."""
    days = list(free_times())
    closed, open_day = days[2], days[3]
    slot = free_times()[closed][0].starts_at
    request = BookingRequest.objects.create(
        first_name="Sam", email="sam@example.com", phone="503 555 0100", has_consented=True, status="booked"
    )
    first = free_times()[open_day][0]
    call = IntroCall.objects.create(
        clinician=every_day_nine_to_ten,
        booking_request=request,
        starts_at=first.starts_at,
        ends_at=first.ends_at,
    )
    added = admin_client.post(
        reverse("admin:scheduling_closeddate_add"), {"date": closed.isoformat(), "reason": "Staff training"}
    )
    assert added.status_code == 302 and ClosedDate.objects.get().date == closed
    return closed, slot, call


def test_no_door_offers_a_closed_day(client, admin_client, closed_day):
    closed, _, call = closed_day
    token = manage_url(call).split("/")[-2]
    offering = [
        client.get(reverse("booking:request")),
        client.get(reverse("scheduling:book")),
        client.get(reverse("scheduling:book"), {"day": closed.isoformat()}),
        client.get(reverse("scheduling:reschedule", kwargs={"token": token})),
        client.get(reverse("scheduling:reschedule", kwargs={"token": token}), {"day": closed.isoformat()}),
        admin_client.get(reverse("admin:scheduling_introcall_move", args=[call.pk])),
        admin_client.get(
            reverse("admin:scheduling_introcall_move", args=[call.pk]), {"day": closed.isoformat()}
        ),
    ]
    for page in offering:
        assert page.status_code == 200
        assert f"day={closed.isoformat()}" not in page.content.decode()
        assert f"{closed.isoformat()}T" not in page.content.decode()


def test_no_door_accepts_a_time_on_a_closed_day(client, admin_client, closed_day):
    closed, slot, call = closed_day
    token = manage_url(call).split("/")[-2]
    booking = {
        "slot": slot.isoformat(),
        "first_name": "Kim",
        "email": "kim@example.com",
        "phone": "503 555 0199",
        "has_consented": "on",
        "started": started_token(),
        "website": "",
    }

    assert client.post(reverse("scheduling:book"), booking).status_code == 409
    moved = client.post(
        reverse("scheduling:reschedule", kwargs={"token": token}),
        {"slot": slot.isoformat(), "started": started_token()},
    )
    assert moved.status_code == 409
    staff_move = admin_client.post(
        reverse("admin:scheduling_introcall_move", args=[call.pk]), {"slot": slot.isoformat()}
    )
    assert staff_move.status_code == 200 and "no longer free" in staff_move.content.decode()
    assert list(IntroCall.objects.values_list("starts_at", flat=True)) == [call.starts_at]


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        # July 4 on a Saturday is taken the Friday before; Thanksgiving is the fourth Thursday.
        (
            2026,
            {date(2026, 1, 19), date(2026, 7, 3), date(2026, 11, 26), date(2026, 12, 24), date(2026, 12, 25)},
        ),
        # Christmas on a Sunday is taken the Monday after, as is New Year's Day.
        (
            2022,
            {
                date(2022, 1, 17),
                date(2022, 5, 30),
                date(2022, 12, 24),
                date(2022, 12, 25),
                date(2022, 12, 26),
            },
        ),
        (
            2030,
            {date(2030, 1, 1), date(2030, 2, 18), date(2030, 9, 2), date(2030, 10, 14), date(2030, 11, 11)},
        ),
    ],
)
def test_the_demo_holidays_are_computed_for_any_year(year, expected):
    days = dict(closed_days(year))
    assert expected <= days.keys()
    assert len([day for day in days if day.year == year]) >= 12


def test_the_demo_closes_this_years_and_next_years_holidays_once(demo):
    this_year = timezone.localdate().year
    closed = set(ClosedDate.objects.filter(clinician=None).values_list("date", flat=True))
    for year in (this_year, this_year + 1):
        assert {date(year, 12, 24), date(year, 12, 25)} <= closed
    reopened = ClosedDate.objects.get(date=date(this_year, 12, 24))
    reopened.delete()

    call_command("load_demo")

    assert not ClosedDate.objects.filter(date=date(this_year, 12, 24)).exists()

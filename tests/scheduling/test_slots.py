"""Which times visitors are offered, under every booking rule and across daylight-saving changes."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.models import BookingRequest
from scheduling.models import AvailabilityWindow, ClosedDate, IntroCall
from scheduling.slots import free_times
from tests.factories import ClinicianFactory

pytestmark = pytest.mark.django_db
CLINIC = ZoneInfo("America/Los_Angeles")
MONDAY = date(2026, 11, 30)
SUNDAY_EVENING = datetime(2026, 11, 29, 18, 0, tzinfo=CLINIC)


def local_times(by_day, day):
    return [free.starts_at.astimezone(CLINIC).strftime("%H:%M") for free in by_day.get(day, [])]


def book(clinician, starts_at, minutes=10):
    request = BookingRequest.objects.create(first_name="A", email="a@example.com", has_consented=True)
    return IntroCall.objects.create(
        clinician=clinician,
        booking_request=request,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
    )


def test_window_is_cut_into_calls_with_buffers_between(every_day_nine_to_ten):
    by_day = free_times(now=SUNDAY_EVENING)
    assert local_times(by_day, MONDAY) == ["09:00", "09:15", "09:30", "09:45"]
    first = by_day[MONDAY][0]
    assert first.ends_at - first.starts_at == timedelta(minutes=10)


def test_a_call_must_end_inside_its_window(clinician, policy):
    AvailabilityWindow.objects.create(clinician=clinician, weekday=0, opens_at=time(9), closes_at=time(9, 24))
    assert local_times(free_times(now=SUNDAY_EVENING), MONDAY) == ["09:00"]


def test_minimum_notice_hides_times_too_soon(every_day_nine_to_ten, policy):
    now = datetime(2026, 11, 29, 21, 20, tzinfo=CLINIC)  # 12 hours before 9:20 on Monday
    assert local_times(free_times(now=now), MONDAY) == ["09:30", "09:45"]


def test_horizon_limits_how_far_ahead_counting_today(every_day_nine_to_ten, policy):
    policy.horizon_days = 3
    policy.save()
    days = list(free_times(now=SUNDAY_EVENING))
    assert days == [MONDAY, MONDAY + timedelta(days=1)]  # Sunday itself is past its window


def test_closed_dates_for_the_clinic_or_one_clinician(every_day_nine_to_ten):
    colleague = ClinicianFactory()
    AvailabilityWindow.objects.create(clinician=colleague, weekday=1, opens_at=time(9), closes_at=time(9, 10))
    tuesday, wednesday = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)
    ClosedDate.objects.create(date=MONDAY)
    ClosedDate.objects.create(date=tuesday, clinician=every_day_nine_to_ten)

    by_day = free_times(now=SUNDAY_EVENING)

    assert MONDAY not in by_day
    assert [(t.starts_at.astimezone(CLINIC).strftime("%H:%M"), t.clinician_ids) for t in by_day[tuesday]] == [
        ("09:00", (colleague.pk,))
    ]
    assert len(by_day[wednesday]) == 4


def test_booked_calls_and_their_buffers_are_taken(every_day_nine_to_ten):
    book(every_day_nine_to_ten, datetime(2026, 11, 30, 9, 15, tzinfo=CLINIC).astimezone(UTC))
    assert local_times(free_times(now=SUNDAY_EVENING), MONDAY) == ["09:00", "09:30", "09:45"]


def test_a_longer_call_placed_by_staff_blocks_the_times_it_overlaps(every_day_nine_to_ten):
    book(every_day_nine_to_ten, datetime(2026, 11, 30, 9, 5, tzinfo=CLINIC).astimezone(UTC), minutes=20)
    assert local_times(free_times(now=SUNDAY_EVENING), MONDAY) == ["09:30", "09:45"]  # busy 9:00 to 9:30


def test_cancelled_calls_free_their_time(every_day_nine_to_ten):
    call = book(every_day_nine_to_ten, datetime(2026, 11, 30, 9, 15, tzinfo=CLINIC).astimezone(UTC))
    call.status = IntroCall.Status.CANCELLED
    call.save()
    assert "09:15" in local_times(free_times(now=SUNDAY_EVENING), MONDAY)


def test_two_clinicians_free_at_once_offer_one_time_with_both(every_day_nine_to_ten):
    colleague = ClinicianFactory()
    AvailabilityWindow.objects.create(clinician=colleague, weekday=0, opens_at=time(9), closes_at=time(9, 10))
    first = free_times(now=SUNDAY_EVENING)[MONDAY][0]
    assert first.clinician_ids == tuple(sorted([every_day_nine_to_ten.pk, colleague.pk]))


class TestDaylightSaving:
    """US clocks go forward on Sunday 8 March 2026 and back on Sunday 1 November 2026."""

    def test_windows_keep_their_local_hours_across_spring_forward(self, every_day_nine_to_ten):
        by_day = free_times(now=datetime(2026, 3, 5, 8, 0, tzinfo=CLINIC))
        saturday, monday = date(2026, 3, 7), date(2026, 3, 9)
        assert local_times(by_day, saturday)[0] == local_times(by_day, monday)[0] == "09:00"
        assert by_day[saturday][0].starts_at.hour == 17  # 9:00 PST is 17:00 UTC
        assert by_day[monday][0].starts_at.hour == 16  # 9:00 PDT is 16:00 UTC

    def test_times_in_the_spring_forward_gap_do_not_exist(self, clinician, policy):
        AvailabilityWindow.objects.create(
            clinician=clinician, weekday=6, opens_at=time(1, 30), closes_at=time(3, 30)
        )
        by_day = free_times(now=datetime(2026, 3, 6, 8, 0, tzinfo=CLINIC))
        assert local_times(by_day, date(2026, 3, 8)) == ["01:30", "01:45", "03:00", "03:15"]
        assert local_times(by_day, date(2026, 3, 15))[:5] == ["01:30", "01:45", "02:00", "02:15", "02:30"]

    def test_the_repeated_hour_at_fall_back_is_offered_once(self, clinician, policy):
        AvailabilityWindow.objects.create(
            clinician=clinician, weekday=6, opens_at=time(1, 0), closes_at=time(2, 0)
        )
        by_day = free_times(now=datetime(2026, 10, 29, 8, 0, tzinfo=CLINIC))
        starts = [free.starts_at for free in by_day[date(2026, 11, 1)]]
        assert len(starts) == 4 and len(set(starts)) == 4
        assert starts[0] == datetime(2026, 11, 1, 8, 0, tzinfo=UTC)  # 1:00 PDT, the first 1 o'clock
        assert all(b - a == timedelta(minutes=15) for a, b in zip(starts, starts[1:], strict=False))

    def test_call_length_is_exact_on_the_change_day(self, clinician, policy):
        AvailabilityWindow.objects.create(
            clinician=clinician, weekday=6, opens_at=time(9), closes_at=time(10)
        )
        by_day = free_times(now=datetime(2026, 3, 6, 8, 0, tzinfo=CLINIC))
        assert {f.ends_at - f.starts_at for f in by_day[date(2026, 3, 8)]} == {timedelta(minutes=10)}

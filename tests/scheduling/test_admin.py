from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from booking.models import BookingRequest
from scheduling.models import IntroCall
from tests.scheduling.calls import every_free_time

pytestmark = pytest.mark.django_db
AGENDA = reverse("admin:scheduling_introcall_changelist")


@pytest.fixture
def calls(every_day_nine_to_ten):
    made = []
    for days, name in [(1, "Tomorrow"), (2, "Later"), (-1, "Yesterday")]:
        request = BookingRequest.objects.create(
            first_name=name, email=f"{name.lower()}@example.com", phone="503 555 0100", has_consented=True
        )
        starts_at = timezone.now().replace(microsecond=0) + timedelta(days=days)
        made.append(
            IntroCall.objects.create(
                clinician=every_day_nine_to_ten,
                booking_request=request,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(minutes=10),
            )
        )
    return made


def test_agenda_lists_upcoming_calls_in_time_order(admin_client, calls):
    html = admin_client.get(AGENDA, {"when": "upcoming"}).content.decode()
    assert html.index("Tomorrow") < html.index("Later")
    assert "Yesterday" not in html


def test_staff_cancel_emails_the_visitor_and_frees_the_time(admin_client, calls, send_queued_emails):
    tomorrow = calls[0]
    admin_client.post(AGENDA, {"action": "cancel_calls", "_selected_action": [tomorrow.pk]})
    send_queued_emails()
    tomorrow.refresh_from_db()
    assert tomorrow.status == IntroCall.Status.CANCELLED
    (notice,) = mail.outbox
    assert notice.to == ["tomorrow@example.com"] and "we had to cancel" in notice.body


@pytest.mark.parametrize(
    ("action", "call_status", "request_status"),
    [("mark_done", "done", "call-done"), ("mark_no_show", "no-show", "no-show")],
)
def test_recording_the_outcome_updates_the_request(admin_client, calls, action, call_status, request_status):
    yesterday = calls[2]
    admin_client.post(AGENDA, {"action": action, "_selected_action": [yesterday.pk]})
    yesterday.refresh_from_db()
    yesterday.booking_request.refresh_from_db()
    assert (yesterday.status, yesterday.booking_request.status) == (call_status, request_status)


def test_booking_rules_are_a_single_editable_record(admin_client, policy):
    url = reverse("admin:scheduling_schedulingpolicy_change", args=[1])
    admin_client.post(
        url,
        {
            "slot_minutes": 15,
            "buffer_minutes": 0,
            "minimum_notice_hours": 2,
            "horizon_days": 7,
            "reminder_hours": 3,
        },
    )
    policy.refresh_from_db()
    assert (policy.slot_minutes, policy.horizon_days) == (15, 7)
    assert admin_client.get(reverse("admin:scheduling_schedulingpolicy_add")).status_code == 403


def test_staff_move_a_call_and_the_visitor_is_told(admin_client, calls, send_queued_emails):
    tomorrow = calls[0]
    target = every_free_time()[0]
    url = reverse("admin:scheduling_introcall_move", args=[tomorrow.pk])
    # The page opens on the call's own day; staff pick the first free day from its list, which
    # by the clock's hour may be the next one.
    target_day = timezone.localtime(target.starts_at).date().isoformat()
    assert target.starts_at.isoformat() in admin_client.get(url, {"day": target_day}).content.decode()

    response = admin_client.post(url, {"slot": target.starts_at.isoformat()})
    send_queued_emails()

    assert response.status_code == 302
    tomorrow.refresh_from_db()
    assert tomorrow.starts_at == target.starts_at
    (notice,) = mail.outbox
    assert "We had to move your intro call" in notice.body


def test_the_admin_home_shows_todays_and_tomorrows_calls_first(admin_client, every_day_nine_to_ten):
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from booking.models import BookingRequest
    from scheduling.models import IntroCall

    tomorrow = timezone.localdate() + timedelta(days=1)
    for minute in (0, 15):
        starts = timezone.make_aware(datetime.combine(tomorrow, time(9, minute)))
        IntroCall.objects.create(
            clinician=every_day_nine_to_ten,
            booking_request=BookingRequest.objects.create(
                first_name="Kim", email=f"k{minute}@example.com", has_consented=True
            ),
            starts_at=starts,
            ends_at=starts + timedelta(minutes=10),
        )

    html = admin_client.get("/admin/").content.decode()

    assert html.index("intro calls today") < html.index("new booking requests today")
    assert (
        '<a href="/admin/scheduling/introcall/?when=tomorrow"><strong>2</strong> intro calls tomorrow</a>'
        in html
    )

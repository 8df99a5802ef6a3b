import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from booking.models import BookingRequest
from public_forms.forms import started_token
from scheduling.emails import intro_call_reminders_queue
from scheduling.links import manage_url
from scheduling.models import ClosedDate, IntroCall
from scheduling.slots import free_times
from tests.scheduling.calls import BOOK, calendar_of, call_form, every_free_time

pytestmark = pytest.mark.django_db
HEALTH_WORDS = ["pelvic", "pelvis", "pain", "hip", "health", "symptom", "therap", "physio", "bladder"]


@pytest.fixture
def post(client, send_queued_emails):
    def send(url, data):
        response = client.post(url, data)
        send_queued_emails()
        return response

    return send


def test_booking_page_lists_free_days_then_a_days_times_in_the_clinic_zone(client, every_day_nine_to_ten):
    free = every_free_time()[0]
    # The first free time depends on the hour the test runs (12 hours' notice), so it is read
    # from the free list rather than assumed to be 9:00.
    starts = free.starts_at.astimezone(timezone.get_current_timezone())
    day = starts.date()
    html = client.get(BOOK, {"day": day.isoformat()}).content.decode()
    assert f'href="?day={day.isoformat()}#times"' in html  # lands on the day's times
    assert f'value="{free.starts_at.isoformat()}"' in html
    assert format_date(starts, "g:i A") in html
    assert "Pacific Time" in html and "America/Los_Angeles" not in html
    request_page = client.get(reverse("booking:request")).content.decode()
    assert f"{BOOK}?day={day.isoformat()}" in request_page


def test_request_page_offers_the_first_five_free_days_with_their_counts(client, every_day_nine_to_ten):
    ClosedDate.objects.create(date=timezone.localdate() + timedelta(days=2))
    days = list(free_times().items())

    page = client.get(reverse("booking:request")).content.decode()

    offered = re.findall(r"\?day=(\d{4}-\d{2}-\d{2})", page)
    assert offered == [day.isoformat() for day, _ in days[:5]]
    for day, times in days[:5]:
        count = f"{len(times)} time{'s' if len(times) != 1 else ''}"
        assert re.search(
            rf"day={day.isoformat()}[^>]*><span[^>]*>[^<]*</span> <span[^>]*>{count}</span>", page
        )


def test_visitor_books_a_time_and_gets_a_neutral_email_with_a_calendar_file(
    post, client, every_day_nine_to_ten
):
    free = every_free_time()[0]

    response = post(BOOK, call_form(free.starts_at))

    call = IntroCall.objects.get()
    assert response.status_code == 302 and response["Location"].startswith(manage_url(call))
    assert (call.starts_at, call.ends_at, call.status) == (free.starts_at, free.ends_at, "booked")
    assert call.booking_request.status == BookingRequest.Status.BOOKED
    assert "You're booked!" in client.get(response["Location"]).content.decode()

    to_visitor = next(message for message in mail.outbox if message.to == ["sam@example.com"])
    assert to_visitor.subject == "Intro call with our clinic"
    assert not any(word in (to_visitor.subject + to_visitor.body).lower() for word in HEALTH_WORDS)
    assert manage_url(call) in to_visitor.body
    (part,) = [part for part in to_visitor.message().walk() if part.get_content_type() == "text/calendar"]
    assert part.get_filename() == "intro-call.ics" and part.get_param("method") == "REQUEST"
    content = part.get_payload(decode=True)
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == free.starts_at and end == free.ends_at
    assert str(start.tzinfo) == "America/Los_Angeles"
    assert str(event["summary"]) == "Intro call with our clinic"
    assert len(mail.outbox) == 2  # and the front desk
    call.booking_request.refresh_from_db()
    assert call.booking_request.notified_at and call.booking_request.confirmed_at


@pytest.mark.parametrize(
    "crafted",
    [
        lambda free: free.starts_at - timedelta(days=2),  # in the past
        lambda free: free.starts_at + timedelta(minutes=3),  # not on the grid
        lambda free: free.starts_at.replace(hour=3),  # outside the window
        lambda free: free.starts_at + timedelta(days=60),  # beyond the horizon
        lambda free: timezone.now() + timedelta(hours=1),  # inside the minimum notice
    ],
    ids=["past", "off-grid", "outside-window", "beyond-horizon", "too-soon"],
)
def test_crafted_times_are_refused(post, every_day_nine_to_ten, crafted):
    response = post(BOOK, call_form(crafted(every_free_time()[0])))
    assert response.status_code == 409
    assert "that time was just taken or is no longer available" in response.content.decode()
    assert not IntroCall.objects.exists() and not BookingRequest.objects.exists()


def test_a_closed_date_cannot_be_booked(post, every_day_nine_to_ten):
    free = every_free_time()[0]
    ClosedDate.objects.create(date=free.starts_at.astimezone(timezone.get_current_timezone()).date())
    assert post(BOOK, call_form(free.starts_at)).status_code == 409
    assert not IntroCall.objects.exists()


@pytest.mark.parametrize("slot", ["", "tomorrow at nine", "2026-12-01T09:00"])
def test_garbage_times_get_a_clear_message(post, every_day_nine_to_ten, slot):
    data = {**call_form(every_free_time()[0].starts_at), "slot": slot}
    response = post(BOOK, data)
    assert response.status_code == 200
    assert "Please choose one of the times shown." in response.content.decode()


def test_a_time_taken_a_moment_ago_says_pick_another(post, every_day_nine_to_ten):
    free = every_free_time()[0]
    post(BOOK, call_form(free.starts_at))
    response = post(BOOK, call_form(free.starts_at, email="second@example.com"))
    assert response.status_code == 409
    assert "Please pick another" in response.content.decode()
    assert IntroCall.objects.count() == 1


def test_missing_contact_details_keep_the_chosen_time(post, every_day_nine_to_ten):
    free = every_free_time()[0]
    response = post(BOOK, call_form(free.starts_at, email=""))
    html = response.content.decode()
    assert "Email address is required." in html
    assert f'value="{free.starts_at.isoformat()}" checked' in html


class TestManageLinks:
    @pytest.fixture
    def call(self, post, every_day_nine_to_ten):
        post(BOOK, call_form(every_free_time()[0].starts_at))
        mail.outbox.clear()
        return IntroCall.objects.get()

    def test_cancelling_asks_first_says_what_happens_and_works_once(self, post, client, call):
        link = manage_url(call)
        cancel = link + "cancel/"
        assert f'href="{cancel.removeprefix("http://testserver")}"' in client.get(link).content.decode()
        asked = client.get(cancel).content.decode()
        assert "Cancel your intro call?" in asked and "our front desk is told" in asked
        call.refresh_from_db()
        assert call.status == IntroCall.Status.BOOKED

        response = post(cancel, {"started": started_token()})

        assert "Your call is cancelled" in response.content.decode()
        call.refresh_from_db()
        assert call.status == IntroCall.Status.CANCELLED
        assert call.booking_request.status == BookingRequest.Status.CALL_CANCELLED
        to_visitor, to_front_desk = sorted(mail.outbox, key=lambda message: message.to != ["sam@example.com"])
        assert "cancelled" in to_visitor.subject
        assert icalendar.Calendar.from_ical(calendar_of(to_visitor)[1])["method"] == "CANCEL"
        assert to_front_desk.subject == f"Intro call #{call.pk} cancelled by the visitor"
        assert not any(word in to_front_desk.body.lower() for word in HEALTH_WORDS)
        again = client.post(cancel, {"started": started_token()})
        assert again.status_code == 400 and "This link has been replaced" in again.content.decode()

    def test_tampered_link_is_refused(self, client, call):
        link = manage_url(call)
        response = client.get(link[:-4] + "abcd/")
        assert response.status_code == 400
        assert "This link doesn't work" in response.content.decode()

    def test_reschedule_moves_the_call_and_retires_the_old_link(self, post, client, call):
        old_link = manage_url(call)
        new_free = every_free_time()[1]
        reschedule = reverse("scheduling:reschedule", kwargs={"token": old_link.split("/")[-2]})

        response = post(reschedule, {"slot": new_free.starts_at.isoformat(), "started": started_token()})

        call.refresh_from_db()
        assert call.starts_at == new_free.starts_at
        assert response["Location"].startswith(manage_url(call))
        assert client.get(old_link).status_code == 400
        notice = next(message for message in mail.outbox if message.to == ["sam@example.com"])
        assert "new time" in notice.subject and manage_url(call) in notice.body
        front_desk = next(message for message in mail.outbox if message.to != ["sam@example.com"])
        assert front_desk.subject == f"Intro call #{call.pk} moved by the visitor"

    def test_the_old_time_is_free_again_after_a_move(self, post, call):
        old_start = call.starts_at
        reschedule = reverse("scheduling:reschedule", kwargs={"token": manage_url(call).split("/")[-2]})
        post(reschedule, {"slot": every_free_time()[1].starts_at.isoformat(), "started": started_token()})
        assert old_start in [free.starts_at for free in every_free_time()]


class TestReminders:
    @pytest.fixture
    def soon_call(self, every_day_nine_to_ten):
        request = BookingRequest.objects.create(first_name="Sam", email="sam@example.com", has_consented=True)
        starts_at = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=3)
        return IntroCall.objects.create(
            clinician=every_day_nine_to_ten,
            booking_request=request,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=10),
        )

    def test_reminder_is_sent_once_however_often_the_command_runs(self, soon_call, send_queued_emails):
        call_command("send_call_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("send_call_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        (reminder,) = send_queued_emails()
        assert reminder.subject == "Reminder: intro call with our clinic"
        assert (
            format_date(soon_call.starts_at.astimezone(ZoneInfo("America/Los_Angeles")), "g:i")
            in reminder.body
        )

    def test_calls_beyond_the_reminder_period_wait(self, soon_call, policy):
        policy.reminder_hours = 2
        policy.save()
        assert intro_call_reminders_queue() == 0

    def test_a_failed_reminder_is_tried_again(self, soon_call, settings, advance_clock):
        assert intro_call_reminders_queue() == 1
        settings.EMAIL_BACKEND = "tests.booking.broken_mail.BrokenBackend"
        call_command("send_pending_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        advance_clock(timedelta(minutes=2))
        call_command("send_pending_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
        reminders = [message for message in mail.outbox if message.subject.startswith("Reminder")]
        assert [message.to for message in reminders] == [["sam@example.com"]]


def test_the_booking_page_says_who_will_call_and_how(client, every_day_nine_to_ten, clinic_profile):
    clinic_profile.intro_calls_by = "video"
    clinic_profile.save()
    every_day_nine_to_ten.name, every_day_nine_to_ten.credentials = "Dr. Ana Ruiz", "PT, DPT"
    every_day_nine_to_ten.save()
    html = client.get(BOOK).content.decode()
    assert "Your call will be with Dr. Ana Ruiz, PT, DPT, by video." in html

"""Invitations a calendar app applies to one event: organizer and attendee on each, METHOD on the
attachment's type as in the file, a SEQUENCE that grows with every change, and a cancellation of
the same UID. Each file is read by two independent parsers, icalendar and vobject."""

import icalendar
import pytest
import vobject
from django.core import mail
from django.urls import reverse
from django.utils.dateformat import format as format_date

from public_forms.forms import started_token
from scheduling.links import manage_url
from scheduling.models import IntroCall
from tests.scheduling.calls import BOOK, calendar_of, call_form, every_free_time

pytestmark = pytest.mark.django_db


def invitations_to_the_visitor():
    return [calendar_of(message) for message in mail.outbox if message.to == ["sam@example.com"]]


@pytest.fixture
def booked_moved_and_cancelled(client, every_day_nine_to_ten, send_queued_emails, settings):
    settings.DEFAULT_FROM_EMAIL = "Our clinic <hello@clinic.example>"
    # Each step's emails go out when it is done, as after each request.
    client.post(BOOK, call_form(every_free_time()[0].starts_at))
    send_queued_emails()
    call = IntroCall.objects.get()
    token = manage_url(call).split("/")[-2]
    client.post(
        reverse("scheduling:reschedule", kwargs={"token": token}),
        {"slot": every_free_time()[1].starts_at.isoformat(), "started": started_token()},
    )
    send_queued_emails()
    call.refresh_from_db()
    moved_to = call.starts_at
    client.post(manage_url(call) + "cancel/", {"started": started_token()})
    send_queued_emails()
    call.refresh_from_db()
    call.moved_to = moved_to
    return call, invitations_to_the_visitor()


def test_every_file_names_organizer_and_attendee_and_matches_its_method(booked_moved_and_cancelled):
    call, files = booked_moved_and_cancelled
    assert [method for method, _ in files] == ["REQUEST", "REQUEST", "CANCEL"]
    for method, content in files:
        calendar = icalendar.Calendar.from_ical(content)
        assert calendar["method"] == method
        (event,) = calendar.walk("VEVENT")
        assert str(event["organizer"]) == "mailto:hello@clinic.example"
        assert event["organizer"].params["CN"] == "Our clinic"
        assert str(event["attendee"]) == "mailto:sam@example.com"
        assert event["attendee"].params["CN"] == "Sam"

        other = vobject.readOne(content.decode())
        assert other.method.value == method
        assert other.vevent.organizer.value == "mailto:hello@clinic.example"
        assert other.vevent.attendee.value == "mailto:sam@example.com"


def test_one_event_whose_sequence_grows_until_it_is_cancelled(booked_moved_and_cancelled):
    call, files = booked_moved_and_cancelled
    events = [icalendar.Calendar.from_ical(content).walk("VEVENT")[0] for _, content in files]
    assert len({str(event["uid"]) for event in events}) == 1
    sequences = [int(event["sequence"]) for event in events]
    assert sequences == sorted(sequences) and len(set(sequences)) == 3
    assert [str(event["status"]) for event in events] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    moved = events[1].decoded("dtstart")
    assert moved == call.moved_to
    parsed = [vobject.readOne(content.decode()).vevent for _, content in files]
    assert [int(event.sequence.value) for event in parsed] == sequences
    assert parsed[2].status.value == "CANCELLED"


def test_emails_give_the_visitors_own_time_and_the_front_desk_the_clinics(
    client, every_day_nine_to_ten, send_queued_emails
):
    from zoneinfo import ZoneInfo

    free = every_free_time()[0]
    client.post(BOOK, call_form(free.starts_at, time_zone="America/New_York"))
    send_queued_emails()
    eastern = free.starts_at.astimezone(ZoneInfo("America/New_York"))
    pacific = free.starts_at.astimezone(ZoneInfo("America/Los_Angeles"))
    to_visitor = next(message for message in mail.outbox if message.to == ["sam@example.com"])
    to_front_desk = next(message for message in mail.outbox if message.to != ["sam@example.com"])
    assert (
        f"{format_date(eastern, 'g:i A')} Eastern Time ({format_date(pacific, 'g:i A')} Pacific Time at the clinic)"
        in to_visitor.body
    )
    assert format_date(pacific, "g:i A") in to_front_desk.body and "Eastern" not in to_front_desk.body


def test_a_zone_that_is_not_one_is_ignored(client, every_day_nine_to_ten, send_queued_emails):
    client.post(BOOK, call_form(every_free_time()[0].starts_at, time_zone="Mars/Olympus_Mons"))
    send_queued_emails()
    assert IntroCall.objects.get().visitor_time_zone == ""
    to_visitor = next(message for message in mail.outbox if message.to == ["sam@example.com"])
    assert "Pacific Time" in to_visitor.body and "at the clinic" not in to_visitor.body

"""Invitations a calendar app applies to one event: organizer and attendee on each, METHOD on the
attachment's type as in the file, a SEQUENCE that grows with every change, and a cancellation of
the same UID. Each file is read by two independent parsers, icalendar and vobject."""

import icalendar
import pytest
import vobject
from django.core import mail
from django.urls import reverse

from public_forms.forms import started_token
from scheduling.models import IntroCall
from scheduling.services import manage_url
from tests.scheduling.test_booking_a_call import BOOK, calendar_of, contact, free_list

pytestmark = pytest.mark.django_db


def invitations_to_the_visitor():
    return [calendar_of(message) for message in mail.outbox if message.to == ["sam@example.com"]]


@pytest.fixture
def booked_moved_and_cancelled(client, every_day_nine_to_ten, django_capture_on_commit_callbacks, settings):
    settings.DEFAULT_FROM_EMAIL = "Our clinic <hello@clinic.example>"
    # Each step's emails go out when it is done, as after each request.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(BOOK, contact(free_list()[0].starts_at))
    call = IntroCall.objects.get()
    token = manage_url(call).split("/")[-2]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("scheduling:reschedule", kwargs={"token": token}),
            {"slot": free_list()[1].starts_at.isoformat(), "started": started_token()},
        )
    call.refresh_from_db()
    moved_to = call.starts_at
    with django_capture_on_commit_callbacks(execute=True):
        client.post(manage_url(call) + "cancel/")
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

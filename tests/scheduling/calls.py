"""Booking an intro call as a visitor does, for tests in any app: the booking page, the free times
it offers, what its form sends, and the calendar file an email carries."""

from django.urls import reverse

from public_forms.forms import started_token
from scheduling.slots import free_times

BOOK = reverse("scheduling:book")


def every_free_time():
    """The free times the booking page offers, earliest first."""
    return [free for times in free_times().values() for free in times]


def call_form(slot, **changes):
    """What the booking form sends for a call at `slot`, filled in as a visitor would."""
    data = {
        "slot": slot.isoformat(),
        "first_name": "Sam",
        "email": "sam@example.com",
        "phone": "555 0100",
        "has_consented": "on",
        "started": started_token(),
        "website": "",
    }
    data.update(changes)
    return data


def calendar_of(message):
    """The calendar part of an email: its METHOD parameter and its text."""
    (part,) = [part for part in message.message().walk() if part.get_content_type() == "text/calendar"]
    return part.get_param("method"), part.get_payload(decode=True)

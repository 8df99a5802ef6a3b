"""After booking, the visitor is told everywhere (the page, the email, the calendar file) who will
call, from which number, and where to move or cancel; the page offers the calendar file as a plain
download."""

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from clinic.models import ClinicProfile
from public_forms.forms import started_token
from scheduling.links import manage_url
from scheduling.models import IntroCall
from tests.scheduling.calls import BOOK, calendar_of, call_form, every_free_time

pytestmark = pytest.mark.django_db
CLINIC_PHONE = "(503) 555-0142"


@pytest.fixture
def booked(client, every_day_nine_to_ten, send_queued_emails):
    ClinicProfile.objects.filter(pk=1).update(phone=CLINIC_PHONE)
    response = client.post(BOOK, call_form(every_free_time()[0].starts_at))
    send_queued_emails()
    return IntroCall.objects.get(), response["Location"]


def test_the_confirmation_page_says_who_calls_from_which_number_with_a_calendar_button(client, booked):
    call, confirmation = booked
    html = client.get(confirmation).content.decode()
    assert f"{call.clinician.name}, PT, DPT will call you from {CLINIC_PHONE}." in html
    download = reverse("scheduling:calendar", kwargs={"token": manage_url(call).split("/")[-2]})
    assert f'href="{download}" download' in html and "Add to calendar" in html


def test_the_email_says_who_calls_from_which_number_and_links_to_move_or_cancel(booked):
    call, _ = booked
    (to_visitor,) = [message for message in mail.outbox if message.to == ["sam@example.com"]]
    assert f"{call.clinician.name}, PT, DPT will call you from {CLINIC_PHONE}." in to_visitor.body
    assert "http://testserver" + manage_url(call) in to_visitor.body


def event_of(ics):
    return icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]


def test_the_calendar_files_carry_the_caller_and_the_link_to_move_or_cancel(client, booked):
    call, _ = booked
    link = "http://testserver" + manage_url(call)
    (to_visitor,) = [message for message in mail.outbox if message.to == ["sam@example.com"]]
    _, attached = calendar_of(to_visitor)
    download = client.get(reverse("scheduling:calendar", kwargs={"token": link.split("/")[-2]}))

    assert download.status_code == 200 and download["Content-Type"].startswith("text/calendar")
    assert download["Content-Disposition"] == 'attachment; filename="intro-call.ics"'
    assert icalendar.Calendar.from_ical(download.content)["method"] == "PUBLISH"
    for ics in (attached, download.content):
        event = event_of(ics)
        assert str(event["url"]) == link
        assert f"will call you from {CLINIC_PHONE}" in str(event["description"])
        assert link in str(event["description"])
        assert event.decoded("dtstart") == call.starts_at


def test_a_cancelled_or_forged_call_has_no_calendar_download(client, booked):
    call, _ = booked
    token = manage_url(call).split("/")[-2]
    assert client.post(reverse("scheduling:calendar", kwargs={"token": token})).status_code == 405
    assert client.get(reverse("scheduling:calendar", kwargs={"token": token[:-3] + "abc"})).status_code == 400
    client.post(reverse("scheduling:cancel", kwargs={"token": token}), {"started": started_token()})
    old = client.get(reverse("scheduling:calendar", kwargs={"token": token}))
    assert old.status_code == 400 and "This link has been replaced" in old.content.decode()


def test_the_move_page_does_not_say_the_call_has_moved_before_it_has(client, booked):
    call, _ = booked
    html = client.get(reverse("scheduling:reschedule", kwargs={"token": manage_url(call).split("/")[-2]}))
    text = html.content.decode()
    assert "Your call is now on" not in text
    assert "Your call is booked for" in text and "until you choose a new time" in text

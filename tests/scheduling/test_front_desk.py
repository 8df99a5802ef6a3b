"""The front desk's side of booked calls: a request shows its call wherever the request shows; the
admin home lists what visitors changed and the calls ahead; the Move screen starts from the call as
it is; the notices go to the address set in the clinic profile."""

import csv
import io
import re
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from booking.models import BookingRequest
from clinic.models import ClinicProfile
from public_forms.forms import started_token
from scheduling.links import manage_url
from scheduling.models import IntroCall
from scheduling.slots import free_times
from tests.scheduling.calls import BOOK, call_form, every_free_time

pytestmark = pytest.mark.django_db
REQUESTS = reverse("admin:booking_bookingrequest_changelist")


@pytest.fixture
def booked(client, every_day_nine_to_ten, send_queued_emails):
    client.post(BOOK, call_form(every_free_time()[0].starts_at))
    send_queued_emails()
    return IntroCall.objects.select_related("booking_request", "clinician").get()


def as_the_desk_reads_it(call):
    return (
        format_date(timezone.localtime(call.starts_at), "D M j, Y, g:i A T") + f" with {call.clinician.name}"
    )


def test_a_request_that_booked_a_call_shows_the_call_linked_in_the_list_detail_and_csv(admin_client, booked):
    request = booked.booking_request
    call_page = reverse("admin:scheduling_introcall_change", args=[booked.pk])
    shown = f'<a href="{call_page}">{as_the_desk_reads_it(booked)}</a>'

    listing = admin_client.get(REQUESTS).content.decode()
    detail = admin_client.get(
        reverse("admin:booking_bookingrequest_change", args=[request.pk])
    ).content.decode()
    export = admin_client.post(REQUESTS, {"action": "export", "_selected_action": [request.pk]})

    for page in (listing, detail):
        assert shown in page
        assert "Any time" not in page.split('id="changelist-filter"')[0]
    header, row = list(csv.reader(io.StringIO(export.content.decode())))
    cells = dict(zip(header, row, strict=True))
    assert cells["Booked call"] == as_the_desk_reads_it(booked)
    assert cells["Call page"] == "http://testserver" + call_page
    assert cells["Best time"] == ""


def test_a_cancelled_call_still_shows_and_says_so(admin_client, booked):
    admin_client.post(
        reverse("admin:scheduling_introcall_changelist"),
        {"action": "cancel_calls", "_selected_action": [booked.pk]},
    )
    listing = admin_client.get(REQUESTS).content.decode()
    assert f"{as_the_desk_reads_it(booked)} (cancelled)" in listing


def test_the_request_list_keeps_a_phone_number_on_one_line(admin_client, booked):
    listing = admin_client.get(REQUESTS).content.decode()
    assert re.search(r'<td class="field-phone_number[^"]*">555 0100</td>', listing)


def needs_attention(admin_client):
    html = admin_client.get("/admin/").content.decode()
    panel = html.split('id="dashboard"')[1].split("</ul>")[0]
    return {
        label.strip(): int(count) for count, label in re.findall(r"<strong>(\d+)</strong>([^<]+)</a>", panel)
    }


def test_needs_attention_lists_visitors_moves_until_seen_and_their_cancels(client, admin_client, booked):
    assert needs_attention(admin_client)["intro calls moved by the visitor, not yet seen"] == 0
    token = manage_url(booked).split("/")[-2]
    client.post(
        reverse("scheduling:reschedule", kwargs={"token": token}),
        {"slot": every_free_time()[1].starts_at.isoformat(), "started": started_token()},
    )
    assert needs_attention(admin_client)["intro calls moved by the visitor, not yet seen"] == 1
    agenda = reverse("admin:scheduling_introcall_changelist")
    assert (
        str(booked.booking_request.first_name)
        in admin_client.get(agenda, {"moved": "visitor"}).content.decode()
    )

    admin_client.post(agenda, {"action": "mark_move_seen", "_selected_action": [booked.pk]})
    assert needs_attention(admin_client)["intro calls moved by the visitor, not yet seen"] == 0

    booked.refresh_from_db()
    client.post(manage_url(booked) + "cancel/", {"started": started_token()})
    assert needs_attention(admin_client)["calls cancelled by the visitor, to follow up"] == 1
    BookingRequest.objects.update(status=BookingRequest.Status.CONTACTED)
    assert needs_attention(admin_client)["calls cancelled by the visitor, to follow up"] == 0


def test_needs_attention_counts_the_calls_after_tomorrow(admin_client, every_day_nine_to_ten):
    today = timezone.localdate()
    for days in (0, 1, 2, 5, 9):
        starts = timezone.make_aware(datetime.combine(today + timedelta(days=days), time(9, 30)))
        IntroCall.objects.create(
            clinician=every_day_nine_to_ten,
            booking_request=BookingRequest.objects.create(
                first_name="Kim", email=f"k{days}@example.com", phone="555 0100", has_consented=True
            ),
            starts_at=starts,
            ends_at=starts + timedelta(minutes=10),
        )
    lines = needs_attention(admin_client)
    assert lines["intro calls after tomorrow"] == 3
    later = admin_client.get(reverse("admin:scheduling_introcall_changelist"), {"when": "later"})
    assert later.content.decode().count("k5@example.com") == 1
    assert "k1@example.com" not in later.content.decode()


def test_the_move_screen_starts_from_the_calls_own_day_time_and_clinician(admin_client, booked):
    page = admin_client.get(reverse("admin:scheduling_introcall_move", args=[booked.pk])).content.decode()
    day = timezone.localtime(booked.starts_at).date()
    choices = re.findall(r'<input type="radio" name="slot" value="([^"]+)"', page)
    checked = re.findall(r'<input type="radio" name="slot" value="([^"]+)"[^>]*checked', page)

    assert checked == [booked.starts_at.isoformat()]
    assert f"with <strong>{booked.clinician.name}</strong>" in page
    assert f"{booked.clinician.name} (booked now)" in page
    # One day's times, not the whole horizon's; the other days are links that need no script.
    assert len(choices) == len(free_times()[day]) + 1 < 10
    for other_day in list(free_times())[1:]:
        assert f'href="?day={other_day.isoformat()}"' in page


def test_keeping_the_time_on_the_move_screen_sends_nothing(admin_client, booked, send_queued_emails):
    mail.outbox.clear()
    url = reverse("admin:scheduling_introcall_move", args=[booked.pk])
    assert admin_client.post(url, {"slot": booked.starts_at.isoformat()}).status_code == 302
    send_queued_emails()
    assert mail.outbox == [] and IntroCall.objects.get().link_version == 1


def test_every_front_desk_notice_goes_to_the_address_in_the_clinic_profile(
    client, every_day_nine_to_ten, send_queued_emails, settings
):
    settings.BOOKING_NOTIFY_EMAIL = "fallback@clinic.example"
    ClinicProfile.objects.filter(pk=1).update(front_desk_email="desk@clinic.example")
    request_form = {
        "first_name": "Kim",
        "email": "kim@example.com",
        "phone": "",
        "preferred_time": "any",
        "has_consented": "on",
        "started": started_token(),
        "website": "",
    }
    client.post(reverse("booking:request"), request_form)
    client.post(BOOK, call_form(every_free_time()[0].starts_at))
    call = IntroCall.objects.get()
    token = manage_url(call).split("/")[-2]
    client.post(
        reverse("scheduling:reschedule", kwargs={"token": token}),
        {"slot": every_free_time()[1].starts_at.isoformat(), "started": started_token()},
    )
    call.refresh_from_db()
    client.post(manage_url(call) + "cancel/", {"started": started_token()})
    send_queued_emails()

    notices = [
        message for message in mail.outbox if message.to not in (["kim@example.com"], ["sam@example.com"])
    ]
    assert [message.subject.split(" ")[0:2] for message in notices] == [
        ["New", "intro-call"],
        ["Intro", "call"],
        ["Intro", "call"],
        ["Intro", "call"],
    ]
    assert {tuple(message.to) for message in notices} == {("desk@clinic.example",)}

    ClinicProfile.objects.filter(pk=1).update(front_desk_email="")
    mail.outbox.clear()
    client.post(
        reverse("booking:request"), {**request_form, "email": "lee@example.com", "started": started_token()}
    )
    send_queued_emails()
    assert ["fallback@clinic.example"] in [message.to for message in mail.outbox]

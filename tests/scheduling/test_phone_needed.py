"""A call by phone needs a number to ring: every door that books a call or changes a booked one
(the booking form, the visitor's move, the front desk's move, the front desk's edits of the
request, in its form and in the list) refuses to leave a booked call without one."""

import pytest
from django.urls import reverse

from booking.models import PHONE_NEEDED, BookingRequest
from clinic.models import ClinicProfile
from public_forms.forms import started_token
from scheduling.links import manage_url
from scheduling.models import IntroCall
from tests.scheduling.calls import BOOK, call_form, every_free_time

pytestmark = pytest.mark.django_db


@pytest.fixture
def call_without_phone(every_day_nine_to_ten):
    """A call booked before numbers were asked for."""
    request = BookingRequest.objects.create(
        first_name="Sam", email="sam@example.com", has_consented=True, status=BookingRequest.Status.BOOKED
    )
    first = every_free_time()[0]
    return IntroCall.objects.create(
        clinician=every_day_nine_to_ten,
        booking_request=request,
        starts_at=first.starts_at,
        ends_at=first.ends_at,
    )


def test_the_booking_form_asks_for_the_number_and_books_nothing_without(client, every_day_nine_to_ten):
    slot = every_free_time()[0].starts_at

    response = client.post(BOOK, call_form(slot, phone=""))

    assert response.status_code == 200
    assert PHONE_NEEDED in response.content.decode()
    assert not IntroCall.objects.exists() and not BookingRequest.objects.exists()
    assert client.post(BOOK, call_form(slot, phone="503 555 0100")).status_code == 302
    assert IntroCall.objects.get().booking_request.phone == "503 555 0100"


def test_a_clinic_that_calls_by_video_asks_for_no_number(client, every_day_nine_to_ten):
    ClinicProfile.objects.filter(pk=1).update(intro_calls_by="video")
    response = client.post(BOOK, call_form(every_free_time()[0].starts_at, phone=""))
    assert response.status_code == 302 and IntroCall.objects.get().booking_request.phone == ""


def test_the_visitor_moving_a_call_without_a_number_gives_one(client, call_without_phone):
    token = manage_url(call_without_phone).split("/")[-2]
    url = reverse("scheduling:reschedule", kwargs={"token": token})
    target = every_free_time()[1].starts_at.isoformat()

    refused = client.post(url, {"slot": target, "started": started_token()})
    assert refused.status_code == 200 and PHONE_NEEDED in refused.content.decode()
    call_without_phone.refresh_from_db()
    assert call_without_phone.link_version == 1

    moved = client.post(url, {"slot": target, "phone": "503 555 0100", "started": started_token()})
    assert moved.status_code == 302
    call_without_phone.refresh_from_db()
    assert call_without_phone.starts_at.isoformat() == target
    assert call_without_phone.booking_request.phone == "503 555 0100"


def test_the_front_desk_moving_a_call_without_a_number_gives_one(admin_client, call_without_phone):
    url = reverse("admin:scheduling_introcall_move", args=[call_without_phone.pk])
    target = every_free_time()[1].starts_at.isoformat()

    refused = admin_client.post(url, {"slot": target})
    assert refused.status_code == 200 and PHONE_NEEDED in refused.content.decode()
    assert IntroCall.objects.get().link_version == 1

    assert admin_client.post(url, {"slot": target, "phone": "503 555 0100"}).status_code == 302
    call_without_phone.refresh_from_db()
    assert call_without_phone.booking_request.phone == "503 555 0100"


def test_the_front_desk_cannot_clear_the_number_of_a_booked_call(admin_client, call_without_phone):
    request = call_without_phone.booking_request
    BookingRequest.objects.filter(pk=request.pk).update(phone="503 555 0100")
    url = reverse("admin:booking_bookingrequest_change", args=[request.pk])

    response = admin_client.post(url, {"phone": "", "status": "booked", "notes": ""})

    assert response.status_code == 200 and PHONE_NEEDED in response.content.decode()
    request.refresh_from_db()
    assert request.phone == "503 555 0100"


def test_the_front_desk_cannot_mark_a_request_without_a_number_as_booked(admin_client, db):
    request = BookingRequest.objects.create(first_name="Kim", email="kim@example.com", has_consented=True)
    changelist = reverse("admin:booking_bookingrequest_changelist")
    rows = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(request.pk),
        "form-0-status": "booked",
        "_save": "Save",
    }

    response = admin_client.post(changelist, rows)

    assert response.status_code == 200 and PHONE_NEEDED in response.content.decode()
    request.refresh_from_db()
    assert request.status == BookingRequest.Status.NEW
    assert admin_client.post(changelist, {**rows, "form-0-status": "contacted"}).status_code == 302

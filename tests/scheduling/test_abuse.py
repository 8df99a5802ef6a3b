"""One address or one script cannot use up the intro-call calendar."""

import pytest
from django.core import mail
from django.urls import reverse

from booking.models import BookingRequest
from scheduling.models import IntroCall
from scheduling.slots import free_times
from tests.scheduling.calls import BOOK, call_form, every_free_time

pytestmark = pytest.mark.django_db


@pytest.fixture
def book(client, every_day_nine_to_ten, send_queued_emails, settings):
    settings.FORM_RATE_LIMIT_PER_MINUTE = 1000

    def send(number, email=None, address="203.0.113.7"):
        response = client.post(
            BOOK,
            call_form(every_free_time()[0].starts_at, email=email or f"visitor{number}@example.com"),
            REMOTE_ADDR=address,
        )
        send_queued_emails()
        return response

    return send


def test_one_email_address_books_one_call_a_day(book):
    assert book(1, email="sam@example.com").status_code == 302
    refused = book(2, email="sam@example.com")
    assert refused.status_code == 429
    assert "This email address already has a call booked with us" in refused.content.decode()
    assert IntroCall.objects.count() == 1


def test_one_connection_books_three_calls_a_day(book, settings):
    settings.CALLS_PER_CONNECTION_PER_DAY = 3
    answers = [book(number).status_code for number in range(6)]
    assert answers == [302, 302, 302, 429, 429, 429]
    assert IntroCall.objects.count() == 3
    assert book(7, address="198.51.100.9").status_code == 302


def test_a_burst_of_bookings_puts_new_ones_on_hold_for_the_front_desk(book, settings):
    settings.CALL_BURST_LIMIT, settings.CALLS_PER_CONNECTION_PER_DAY = 4, 100
    for number in range(4):
        book(number, address=f"198.51.100.{number}")
    mail.outbox.clear()
    free_before = sum(len(times) for times in free_times().values())

    held = book(9, address="198.51.100.99")

    assert held.status_code == 302 and held["Location"] == reverse("booking:thanks")
    assert IntroCall.objects.count() == 4
    assert sum(len(times) for times in free_times().values()) == free_before
    request = BookingRequest.objects.get(email="visitor9@example.com")
    assert request.status == BookingRequest.Status.NEW and "the time was not taken" in request.notes
    assert {message.subject for message in mail.outbox} >= {"Your intro call request"}


def test_the_front_desk_cancels_a_batch_as_spam_without_emailing_anyone(book, admin_client, settings):
    settings.CALLS_PER_CONNECTION_PER_DAY = 100
    for number in range(3):
        book(number)
    mail.outbox.clear()
    calls = list(IntroCall.objects.values_list("pk", flat=True))

    admin_client.post(
        reverse("admin:scheduling_introcall_changelist"),
        {"action": "cancel_as_spam", "_selected_action": calls},
    )

    assert set(IntroCall.objects.values_list("status", flat=True)) == {IntroCall.Status.CANCELLED}
    assert set(BookingRequest.objects.values_list("status", flat=True)) == {BookingRequest.Status.SPAM}
    assert mail.outbox == []

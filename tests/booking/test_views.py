import logging
import re
import time

import pytest
from django.core import mail, signing
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from booking.forms import source_token
from booking.models import BookingRequest
from newsletter.models import Subscriber
from public_forms.forms import started_token
from public_forms.models import QueuedEmail
from tests.booking.request_form import request_form
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
URL = reverse("booking:request")
HEALTH_WORDS = [
    "pelvic",
    "pelvis",
    "pain",
    "hip",
    "health",
    "symptom",
    "therap",
    "physio",
    "bladder",
    "bowel",
    "pregnan",
]


@pytest.fixture
def post(client, send_queued_emails):
    def send(data):
        response = client.post(URL, data)
        send_queued_emails()
        return response

    return send


def test_valid_request_is_saved_once_and_thanks_the_visitor(post, client):
    response = post(request_form())

    assert response.status_code == 302
    assert response["Location"] == reverse("booking:thanks")
    saved = BookingRequest.objects.get()
    assert (saved.first_name, saved.email, saved.preferred_time, saved.status) == (
        "Sam",
        "sam@example.com",
        "weekday-morning",
        "new",
    )
    assert saved.source_path == "/articles/tight-hips/"
    thanks = client.get(response["Location"]).content.decode()
    assert "within one working day" in thanks


def test_both_emails_go_out_with_neutral_subjects(post, settings):
    settings.BOOKING_NOTIFY_EMAIL = "desk@clinic.example"
    settings.SITE_URL = "https://clinic.example"
    post(request_form())
    booking = BookingRequest.objects.get()

    assert len(mail.outbox) == 2
    to_desk, to_visitor = mail.outbox
    assert to_desk.to == ["desk@clinic.example"]
    assert f"https://clinic.example/admin/booking/bookingrequest/{booking.pk}/change/" in to_desk.body
    assert "sam@example.com" not in to_desk.body
    assert to_visitor.to == ["sam@example.com"]
    assert "Hi Sam" in to_visitor.body
    for message in mail.outbox:
        for text in (message.subject, message.body.replace(message.to[0], "")):
            assert not any(word in text.lower() for word in HEALTH_WORDS), text
    booking.refresh_from_db()
    assert booking.notified_at and booking.confirmed_at


def test_booking_page_shows_the_clinic_time_zone_and_no_symptom_box(client):
    html = client.get(URL).content.decode()
    assert "Pacific Time" in html and "America/Los Angeles" not in html
    assert "<textarea" not in html
    assert "Please don't include medical details here" in html


def test_booking_links_carry_a_signed_source_page(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    expected = f"{URL}?{urlencode({'from': source_token(article.get_absolute_url())})}"
    assert html.count(f'href="{expected}"') == 2  # the header, and the one invitation after the opening


def test_a_forged_source_page_is_not_recorded(post):
    post(request_form(source="/admin/:forged-signature"))
    assert BookingRequest.objects.get().source_path == ""


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": ""}, "Email address is required."),
        ({"email": "not-an-email"}, "Please enter an email address like name@example.com."),
        ({"first_name": ""}, "Please tell us your first name."),
        ({"first_name": "x" * 41}, "Please shorten your first name to 40 characters or fewer."),
        (
            {"phone": "call me maybe"},
            "Please enter a phone number with digits (spaces, dashes, brackets and + are fine), or leave it empty.",
        ),
        ({"has_consented": ""}, "Please tick this box so we may contact you about your call."),
    ],
)
def test_invalid_request_says_what_to_fix_and_keeps_what_was_typed(post, changes, message):
    response = post(request_form(**changes))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count(message) == 2  # once in the summary, once beside the field
    assert "Please fix 1 thing below" in html
    assert 'aria-invalid="true"' in html and "_error" in html
    if "first_name" not in changes:
        assert 'value="Sam"' in html
    assert not BookingRequest.objects.exists()
    assert mail.outbox == []


def test_email_is_tidied_so_the_same_person_is_one_address(post):
    post(request_form(email="  Sam.Lee@Example.COM "))
    assert BookingRequest.objects.get().email == "sam.lee@example.com"


def test_double_submission_creates_one_request(post):
    post(request_form())
    post(request_form())

    assert BookingRequest.objects.count() == 1
    assert len(mail.outbox) == 2


def test_a_later_post_with_the_same_address_never_changes_the_earlier_request(post, admin_client):
    post(request_form(first_name="Sam", phone="555 0100"))
    post(request_form(first_name="Mallory", phone="555 0199", preferred_time="weekday-evening"))

    first, repeat = BookingRequest.objects.order_by("created_at")
    assert (first.first_name, first.phone, first.preferred_time) == ("Sam", "555 0100", "weekday-morning")
    assert repeat.first_name == "Mallory" and repeat.repeat_of == first
    # The address's owner hears of both; the front desk sees the second as a repeat.
    assert [message.to for message in mail.outbox].count(["sam@example.com"]) == 2
    changelist = admin_client.get(reverse("admin:booking_bookingrequest_changelist")).content.decode()
    assert f"Repeat of #{first.pk}" in changelist


def test_failing_mail_still_saves_the_request_and_thanks_the_visitor(post, settings, caplog):
    settings.EMAIL_BACKEND = "tests.booking.broken_mail.BrokenBackend"
    with caplog.at_level(logging.WARNING):
        response = post(request_form())

    assert response.status_code == 302
    assert BookingRequest.objects.get()
    assert QueuedEmail.objects.filter(status="pending", attempts=1).count() == 2
    assert "will be retried" in caplog.text and "sam@example.com" not in caplog.text


def test_database_failure_keeps_what_was_typed_and_says_so(post, monkeypatch):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(BookingRequest, "save", locked)
    response = post(request_form(first_name="Robin"))

    assert response.status_code == 503
    html = response.content.decode()
    assert "your request was not saved" in html
    assert 'value="Robin"' in html


def test_newsletter_opt_in_starts_a_double_opt_in(post):
    post(request_form(wants_newsletter="on"))
    assert Subscriber.objects.get().confirmed_at is None
    assert any("confirm" in message.subject.lower() for message in mail.outbox)


def test_newsletter_is_not_ticked_by_default(client):
    html = client.get(URL).content.decode()
    assert 'name="wants_newsletter"' in html
    assert 'name="wants_newsletter" id="id_wants_newsletter" checked' not in html


class TestBots:
    def test_honeypot_is_answered_like_success_but_nothing_is_kept(self, post):
        response = post(request_form(website="http://spam.example"))
        assert response.status_code == 302 and response["Location"] == reverse("booking:thanks")
        assert not BookingRequest.objects.exists() and mail.outbox == []

    def test_a_form_filled_too_fast_is_discarded(self, post, settings):
        settings.FORM_MIN_FILL_SECONDS = 3
        response = post(request_form(started=started_token()))
        assert response.status_code == 302
        assert not BookingRequest.objects.exists()

    def test_a_person_who_took_their_time_gets_through(self, post, settings):
        settings.FORM_MIN_FILL_SECONDS = 3
        post(request_form(started=started_token(at=time.time() - 60)))
        assert BookingRequest.objects.count() == 1

    def test_a_token_opens_one_submission_only(self, post):
        harvested = started_token()
        post(request_form(started=harvested, email="first@example.com"))
        for number in range(3):  # under the rate limit of 5 a minute
            response = post(request_form(started=harvested, email=f"replay{number}@example.com"))
            assert response.status_code == 302
        assert list(BookingRequest.objects.values_list("email", flat=True)) == ["first@example.com"]

    def test_a_form_left_open_too_long_asks_to_be_sent_again_with_a_fresh_token(self, post, settings):
        settings.FORM_TOKEN_MAX_AGE_HOURS = 12
        stale = started_token(at=time.time() - 13 * 3600)
        response = post(request_form(started=stale))
        html = response.content.decode()
        assert response.status_code == 200
        assert "This form was open for more than 12 hours" in html and "Sam" in html
        assert stale not in html
        fresh = re.search(r'name="started" value="([^"]+)"', html).group(1)
        assert post(request_form(started=fresh)).status_code == 302
        assert BookingRequest.objects.count() == 1

    @pytest.mark.parametrize(
        "started",
        ["", "12345", "forged:token", signing.dumps(0, salt="hipcare.form-started")],
        # A signed value carries the time it was made: named by position, every worker collects
        # the same tests.
        ids=["missing", "digits", "forged", "signed-but-not-a-start-time"],
    )
    def test_missing_or_forged_start_time_is_a_bot(self, post, started):
        post(request_form(started=started))
        assert not BookingRequest.objects.exists()


def test_too_many_posts_from_one_address_get_429_with_an_explanation(post, settings):
    settings.FORM_RATE_LIMIT_PER_MINUTE = 2
    post(request_form(email="a@example.com"))
    post(request_form(email="b@example.com"))

    response = post(request_form(email="c@example.com"))

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Please wait a minute and try again" in response.content.decode()
    assert BookingRequest.objects.count() == 2


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "limited"),
    [
        # Behind one proxy each visitor is the address it appended, not the proxy's own.
        (1, ["203.0.113.1", "203.0.113.2", "203.0.113.3"], False),
        # A forged entry to the left of the proxy's own does not make a new visitor.
        (1, ["10.0.0.1, 203.0.113.9", "10.0.0.2, 203.0.113.9", "10.0.0.3, 203.0.113.9"], True),
        # With no proxy configured, the header is ignored: anyone could send it.
        (0, ["203.0.113.1", "203.0.113.2", "203.0.113.3"], True),
    ],
)
def test_rate_limits_count_visitors_behind_a_reverse_proxy(client, settings, proxies, forwarded_for, limited):
    settings.FORM_RATE_LIMIT_PER_MINUTE = 2
    settings.TRUSTED_PROXIES = proxies
    statuses = [
        client.post(URL, request_form(email=f"v{n}@example.com"), HTTP_X_FORWARDED_FOR=header).status_code
        for n, header in enumerate(forwarded_for)
    ]
    assert (statuses[-1] == 429) is limited
    assert statuses[:2] == [302, 302]


def test_booking_form_needs_its_csrf_token(db):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(URL, request_form()).status_code == 403


@pytest.mark.parametrize(
    "name",
    [
        "Sam\n\nYour account is locked: call 555 0100",
        "Sam\r\nBcc: victim@example.com",
        "Visit https://evil.example",
        "<b>Sam</b>",
        "Sam2",
        "S" * 41,
        "\u202eSam",
    ],
)
def test_a_first_name_is_one_line_of_letters(post, name):
    response = post(request_form(first_name=name))
    assert response.status_code == 200
    assert "Please enter just your first name" in response.content.decode() or "40 characters" in (
        response.content.decode()
    )
    assert not BookingRequest.objects.exists() and mail.outbox == []


@pytest.mark.parametrize("name", ["Mary-Jane O'Brien", "José", "Nguyễn", "St. John", "李"])
def test_real_first_names_are_accepted_and_written_as_typed_in_emails(post, name):
    assert post(request_form(first_name=name)).status_code == 302
    to_visitor = next(message for message in mail.outbox if message.to == ["sam@example.com"])
    assert to_visitor.body.startswith(f"Hi {name},\n")


def test_a_phone_number_holds_only_what_phone_numbers_hold(post):
    response = post(request_form(phone="555 0100\nClick evil.example"))
    assert "Please enter a phone number with digits" in response.content.decode()
    assert post(request_form(phone="+1 (503) 555-0100 ext. 12")).status_code == 302

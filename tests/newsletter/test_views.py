import re
import time
from unittest import mock

import pytest
from django.core import mail
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from newsletter.models import Subscriber
from newsletter.services import confirm_url, unsubscribe_url
from public_forms.forms import started_token
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
URL = reverse("newsletter:subscribe")


@pytest.fixture
def subscribe(client, django_capture_on_commit_callbacks):
    def send(email, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL, {"email": email, "started": started_token(), "website": "", **extra})

    return send


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_article_pages_carry_the_signup_form(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert f'action="{URL}"' in html
    assert "Get new articles by email" in html


def test_signup_sends_a_confirmation_link_and_waits_for_it(subscribe, client, settings):
    settings.SITE_URL = "https://clinic.example"
    response = subscribe("Reader@Example.COM")

    assert response.status_code == 302
    assert (
        "Thank you! Your submission has been received." in client.get(response["Location"]).content.decode()
    )
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "Reader@example.com" and not subscriber.is_confirmed
    (message,) = mail.outbox
    assert message.subject == "Please confirm your email address"
    assert confirm_url("Reader@example.com") in message.body
    assert unsubscribe_url("Reader@example.com") in message.body
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe_url('Reader@example.com')}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_empty_email_is_required(subscribe):
    response = subscribe("")
    assert response.status_code == 200
    assert "Email address is required." in response.content.decode()
    assert not Subscriber.objects.exists()


def test_confirmation_link_confirms(subscribe, client):
    subscribe("reader@example.com")
    response = client.get(path_of(confirm_url("reader@example.com")))
    assert response.status_code == 200
    assert "You're subscribed" in response.content.decode()
    assert Subscriber.objects.get().is_confirmed


def test_tampered_confirmation_link_is_refused_clearly(subscribe, client):
    subscribe("reader@example.com")
    forged = path_of(confirm_url("reader@example.com")).replace("reader@", "other@")
    response = client.get(forged)
    assert response.status_code == 400
    assert "This link doesn't work" in response.content.decode()
    assert not Subscriber.objects.get().is_confirmed


def test_expired_confirmation_link_says_so(subscribe, client):
    subscribe("reader@example.com")
    eight_days_ago = time.time() - 8 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
        old_link = path_of(confirm_url("reader@example.com"))
    response = client.get(old_link)
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()


def test_confirmed_address_signing_up_again_gets_no_new_email(subscribe, client):
    subscribe("reader@example.com")
    client.get(path_of(confirm_url("reader@example.com")))
    mail.outbox.clear()

    subscribe("reader@example.com")

    assert mail.outbox == []
    assert Subscriber.objects.get().is_confirmed


def test_unsubscribe_link_asks_then_deletes_the_address(subscribe, client):
    subscribe("reader@example.com")
    link = path_of(unsubscribe_url("reader@example.com"))
    assert "Unsubscribe" in client.get(link).content.decode()
    assert Subscriber.objects.exists()

    response = client.post(link)

    assert "You're unsubscribed" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_one_click_unsubscribe_from_a_mail_client_needs_no_csrf_token(subscribe):
    subscribe("reader@example.com")
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        path_of(unsubscribe_url("reader@example.com")), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_tampered_unsubscribe_link_is_refused(subscribe, client):
    subscribe("reader@example.com")
    forged = path_of(unsubscribe_url("reader@example.com")).replace("reader@", "victim@")
    assert client.post(forged).status_code == 400
    assert Subscriber.objects.exists()


def test_signup_works_without_a_csrf_cookie_so_article_pages_stay_cacheable(db):
    response = Client(enforce_csrf_checks=True).post(
        URL, {"email": "a@example.com", "started": started_token()}
    )
    assert response.status_code == 302


def test_signup_bots_are_discarded(subscribe):
    subscribe("bot@example.com", website="filled")
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_signup_database_failure_says_something_went_wrong(subscribe, monkeypatch):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(Subscriber.objects, "get_or_create", locked)
    response = subscribe("reader@example.com")
    assert response.status_code == 503
    assert "Oops! Something went wrong" in response.content.decode()
    assert 'value="reader@example.com"' in response.content.decode()

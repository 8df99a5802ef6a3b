import re
import time
from unittest import mock

import pytest
from django.core import mail, signing
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsletter.models import Subscriber
from newsletter.services import CONFIRM_SALT, UNSUBSCRIBE_SALT
from public_forms.forms import started_token
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
URL = reverse("newsletter:subscribe")


@pytest.fixture
def subscribe(client, send_queued_emails):
    def send(email, **extra):
        response = client.post(URL, {"email": email, "started": started_token(), "website": "", **extra})
        send_queued_emails()
        return response

    return send


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def link_in_email(kind, message=None):
    """The path of the confirm or unsubscribe link in the newest email."""
    body = (message or mail.outbox[-1]).body
    return path_of(re.search(rf"https?://\S+/newsletter/{kind}/\S+/", body).group(0))


def confirm_link():
    return link_in_email("confirm")


def unsubscribe_link():
    return link_in_email("unsubscribe")


def press(client, path):
    """Open a page that asks for one button press, and press it, as a person does."""
    started = re.search(r'name="started" value="([^"]+)"', client.get(path).content.decode()).group(1)
    return client.post(path, {"started": started})


def forge(path):
    """The same link naming the next subscriber along, signature unchanged."""
    return re.sub(r"/(\d+):", lambda number: f"/{int(number.group(1)) + 1}:", path)


def test_article_pages_carry_the_signup_form(client):
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert f'action="{URL}"' in html
    assert "Get new articles by email" in html


def test_signup_sends_a_confirmation_link_and_waits_for_it(subscribe, client, settings):
    settings.SITE_URL = "https://clinic.example"
    response = subscribe("Reader@Example.COM")

    assert response.status_code == 302
    thanks = client.get(response["Location"]).content.decode()
    assert "Your submission has been received" not in thanks
    assert "Check your inbox to confirm" in thanks and "welcome" in thanks
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.com" and not subscriber.is_confirmed
    (message,) = mail.outbox
    assert message.subject == "Please confirm your email address"
    assert "https://clinic.example" + confirm_link() in message.body
    assert message.extra_headers["List-Unsubscribe"] == f"<https://clinic.example{unsubscribe_link()}>"
    # Links name the subscriber by a signed number, never by address: they end up in logs.
    assert "reader" not in message.body.lower().split("confirm your email address", 1)[-1]
    assert "example.com" not in confirm_link() + unsubscribe_link()
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_empty_email_is_required(subscribe):
    response = subscribe("")
    assert response.status_code == 200
    assert "Email address is required." in response.content.decode()
    assert not Subscriber.objects.exists()


def test_following_the_confirmation_link_only_asks_and_pressing_the_button_confirms(subscribe, client):
    subscribe("reader@example.com")
    for method in (client.head, client.get):  # as mail scanners open links
        assert method(confirm_link()).status_code == 200
    assert not Subscriber.objects.get().is_confirmed

    response = press(client, confirm_link())

    assert response.status_code == 200
    assert "You're subscribed" in response.content.decode()
    assert Subscriber.objects.get().is_confirmed


def test_tampered_confirmation_link_is_refused_clearly(subscribe, client):
    subscribe("reader@example.com")
    Subscriber.objects.create(email="other@example.com")
    forged = forge(confirm_link())
    response = client.get(forged)
    assert response.status_code == 400
    assert "This link doesn't work" in response.content.decode()
    assert not Subscriber.objects.filter(confirmed_at__isnull=False).exists()


def test_expired_confirmation_link_says_so(subscribe, client):
    subscribe("reader@example.com")
    eight_days_ago = time.time() - 8 * 24 * 3600
    subscriber = Subscriber.objects.get()
    with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
        token = signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(subscriber.pk))
    old_link = reverse("newsletter:confirm", kwargs={"token": token})
    response = client.get(old_link)
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()


def test_confirmed_address_signing_up_again_gets_no_new_email(subscribe, client, send_queued_emails):
    subscribe("reader@example.com")
    press(client, confirm_link())
    send_queued_emails()
    mail.outbox.clear()

    subscribe("reader@example.com")

    assert mail.outbox == []
    assert Subscriber.objects.get().is_confirmed


def test_unsubscribe_link_asks_then_deletes_the_address(subscribe, client):
    subscribe("reader@example.com")
    link = unsubscribe_link()
    assert "Unsubscribe" in client.get(link).content.decode()
    assert Subscriber.objects.exists()

    response = press(client, link)

    assert "You're unsubscribed" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_confirming_sends_one_welcome_that_says_what_comes_next(subscribe, client, send_queued_emails):
    subscribe("reader@example.com")
    link = confirm_link()
    press(client, link)
    press(client, link)
    send_queued_emails()

    (welcome,) = [message for message in mail.outbox if message.subject == "Welcome to our newsletter"]
    assert welcome.to == ["reader@example.com"]
    assert "About once a month" in welcome.body
    assert link_in_email("unsubscribe", welcome) in welcome.body
    assert welcome.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_an_unsubscribe_link_opened_again_says_it_is_already_done(subscribe, client):
    subscribe("reader@example.com")
    link = unsubscribe_link()
    press(client, link)

    again = client.get(link)
    pressed_again = client.post(link, {"started": started_token()})

    for response in (again, pressed_again):
        assert response.status_code == 200
        assert "You're already unsubscribed" in response.content.decode()
        assert 'type="submit"' not in response.content.decode().split("<main", 1)[-1].split("</main>")[0]


def test_the_footer_and_the_home_page_carry_the_signup_and_it_works_without_script(client, db):
    from tests.factories import ArticleFactory as Article

    # Pages with a sign-up of their own (home, an article) leave the footer's out: one on a page.
    for path, own in [("/", True), (reverse("articles:list"), False), (reverse("booking:request"), False),
                      (Article().get_absolute_url(), True)]:  # fmt: skip
        html = client.get(path).content.decode()
        page, footer = html.split('<footer class="site-footer">', 1)
        assert html.count(f'action="{URL}"') == 1, path
        assert (f'action="{URL}"' in page) == own and ('id="footer_email"' in footer) != own, path
        assert len(re.findall(r'id="([^"]+)"', html)) == len(set(re.findall(r'id="([^"]+)"', html))), path
    home = client.get("/").content.decode().split('<footer class="site-footer">', 1)[0]
    assert "Get new articles by email" in home

    # The footer's form carries no single-use token (pages are cached for everyone): posting it
    # shows the address again to send with one press, through the same guard.
    one_more = client.post(URL, {"email": "reader@example.com", "started": "", "website": ""})
    assert one_more.status_code == 200 and "One more step" in one_more.content.decode()
    assert not Subscriber.objects.exists()


def test_one_click_unsubscribe_from_a_mail_client_needs_no_csrf_token(subscribe):
    subscribe("reader@example.com")
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(unsubscribe_link(), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_tampered_unsubscribe_link_is_refused(subscribe, client):
    subscribe("reader@example.com")
    Subscriber.objects.create(email="victim@example.com")
    forged = forge(unsubscribe_link())
    assert client.post(forged, {"List-Unsubscribe": "One-Click"}).status_code == 400
    assert Subscriber.objects.count() == 2


def test_unsubscribe_links_sent_before_links_carried_numbers_still_work(subscribe, client):
    subscribe("reader@example.com")
    token = signing.Signer(salt=UNSUBSCRIBE_SALT).sign("reader@example.com")
    press(client, reverse("newsletter:unsubscribe", kwargs={"token": token}))
    assert not Subscriber.objects.exists()


def test_signing_up_again_resends_the_confirmation_at_most_every_few_hours(
    subscribe, advance_clock, settings
):
    settings.NEWSLETTER_CONFIRMATION_RESEND_HOURS = 6
    for _ in range(3):
        subscribe("reader@example.com")
    assert len(mail.outbox) == 1

    advance_clock(timezone.timedelta(hours=6, minutes=1))
    subscribe("reader@example.com")
    assert len(mail.outbox) == 2


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

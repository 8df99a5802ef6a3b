"""Pages about one visitor (their booking, their call, their address) are never kept by a browser
or a shared cache: `Cache-Control: private, no-store`, whatever the answer."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from public_forms.forms import started_token
from scheduling.links import manage_url
from scheduling.models import IntroCall
from tests.scheduling.calls import call_form, every_free_time

pytestmark = pytest.mark.django_db


def is_personal(response):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


@pytest.fixture
def call_links(client, every_day_nine_to_ten, send_queued_emails):
    first = every_free_time()[0]
    client.post(reverse("scheduling:book"), call_form(first.starts_at))
    send_queued_emails()
    manage = re.sub(r"^https?://[^/]+", "", manage_url(IntroCall.objects.get()))
    return manage, manage + "new-time/"


def newsletter_links(client, send_queued_emails):
    client.post(reverse("newsletter:subscribe"), {"email": "reader@example.com", "started": started_token()})
    send_queued_emails()
    return re.findall(r"https?://[^/\s]+(/newsletter/\S+/)", mail.outbox[-1].body)


def test_every_personal_page_type_is_private_and_never_stored(client, call_links, send_queued_emails):
    manage, new_time = call_links
    confirm, unsubscribe = newsletter_links(client, send_queued_emails)
    answers = {
        "booking form": client.get(reverse("booking:request")),
        "booking form with errors": client.post(
            reverse("booking:request"), {"email": "not an address", "started": started_token()}
        ),
        "booking thank-you": client.get(reverse("booking:thanks")),
        "call booking page": client.get(reverse("scheduling:book")),
        "call booking errors": client.post(
            reverse("scheduling:book"), {"slot": "nonsense", "started": started_token()}
        ),
        "manage call": client.get(manage),
        "change time": client.get(new_time),
        "forged call link": client.get(reverse("scheduling:manage", kwargs={"token": "forged"})),
        "newsletter form": client.get(reverse("newsletter:subscribe")),
        "newsletter thank-you": client.get(reverse("newsletter:thanks")),
        "newsletter confirm": client.get(confirm),
        "newsletter confirmed": client.post(confirm, {"started": started_token()}),
        "unsubscribe": client.get(unsubscribe),
        "unsubscribed": client.post(unsubscribe, {"started": started_token()}),
        "cancel, asked first": client.get(manage + "cancel/"),
        "cancel call": client.post(manage + "cancel/", {"started": started_token()}),
    }
    assert [name for name, response in answers.items() if not is_personal(response)] == []

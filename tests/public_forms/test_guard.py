"""Every public door that accepts a post passes the one guard (public_forms/guard.py)."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from newsletter.models import Subscriber
from newsletter.services import confirm_url, unsubscribe_url
from public_forms.forms import started_token
from public_forms.models import Tally
from publishing.methods import allowed_methods
from scheduling.links import manage_url
from scheduling.models import IntroCall
from tests.factories import ArticleFactory
from tests.quizzes.conftest import quiz  # noqa: F401 - a fixture
from tests.scheduling.calls import BOOK, call_form, every_free_time

pytestmark = pytest.mark.django_db
# Behind the staff sign-in: the sign-in lockout guards these instead.
STAFF_ONLY = ("admin/", "staff/", "markdownx/")


def routes(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def guard_of(view):
    view_class = getattr(view, "view_class", None)
    return getattr(view, "post_guard", None) or getattr(
        getattr(view_class, "dispatch", None), "post_guard", None
    )


def public_posts():
    """(route, name, guard) of every public URL that accepts POST, or may (it does not say)."""
    for route, pattern in routes():
        if route.startswith(STAFF_ONLY):
            continue
        methods = allowed_methods(pattern.callback)
        if methods is None or "POST" in methods:
            yield route, pattern.name, guard_of(pattern.callback)


def test_every_public_url_that_accepts_post_passes_the_guard():
    unguarded = [route for route, _, guard in public_posts() if guard is None]
    assert unguarded == []


@pytest.fixture
def call(client, every_day_nine_to_ten, send_queued_emails):
    client.post(BOOK, call_form(every_free_time()[0].starts_at))
    send_queued_emails()
    mail.outbox.clear()
    return IntroCall.objects.get()


@pytest.fixture
def doors(call, quiz):  # noqa: F811 - the fixture imported above
    subscriber = Subscriber.objects.create(email="reader@example.com")
    manage = manage_url(call)
    return {
        "request": reverse("booking:request"),
        "book": BOOK,
        "cancel": manage + "cancel/",
        "reschedule": manage + "new-time/",
        "subscribe": reverse("newsletter:subscribe"),
        "confirm": confirm_url(subscriber).removeprefix("http://testserver"),
        "unsubscribe": unsubscribe_url(subscriber).removeprefix("http://testserver"),
        "take": reverse("quizzes:take", kwargs={"slug": quiz.slug}),
    }


def test_every_door_is_rate_limited_across_the_site(client, doors, settings):
    """Walked from the URL configuration: a new door fails here until it is listed above."""
    settings.FORM_RATE_LIMIT_PER_MINUTE = 2
    assert sorted(name for _, name, _ in public_posts()) == sorted(doors)
    for name, url in doors.items():
        Tally.objects.all().delete()  # a fresh minute for each door
        answers = [client.post(url, {"website": "a bot"}).status_code for _ in range(3)]
        assert answers[-1] == 429, name
        assert 429 not in answers[:2], name


def move(client, call, token=None):
    slot = every_free_time()[-1].starts_at.isoformat()
    return client.post(manage_url(call) + "new-time/", {"slot": slot, "started": token or started_token()})


def test_a_booked_call_moves_at_most_three_times_a_day(client, call, send_queued_emails):
    for _ in range(3):
        assert move(client, call).status_code == 302
        call.refresh_from_db()
    assert len(send_queued_emails()) == 6  # the visitor and the front desk, each time
    mail.outbox.clear()

    refused = move(client, call)

    assert refused.status_code == 429 and "changed several times today" in refused.content.decode()
    assert send_queued_emails() == []


def test_a_move_needs_a_fresh_form_token(client, call, send_queued_emails):
    token = started_token()
    move(client, call, token)
    call.refresh_from_db()
    moved_to = call.starts_at
    send_queued_emails()
    mail.outbox.clear()

    replayed = move(client, call, token)
    tokenless = client.post(
        manage_url(call) + "new-time/", {"slot": every_free_time()[0].starts_at.isoformat()}
    )

    assert replayed.status_code == tokenless.status_code == 302
    call.refresh_from_db()
    assert call.starts_at == moved_to and send_queued_emails() == []


def test_two_visitors_sign_up_from_one_cached_copy_of_an_article(client, send_queued_emails):
    article = ArticleFactory()
    client.get(article.get_absolute_url())
    cached = client.get(article.get_absolute_url()).content.decode()
    form = re.search(r'<form class="signup__form" method="post" action="([^"]+)".*?</form>', cached, re.S)
    # Nothing single-use in a page any cache may keep.
    assert re.search(r'<input type="hidden" name="started" id="id_started">', form.group(0))

    for reader in ("first@example.com", "second@example.com"):
        asked = client.post(form.group(1), {"email": reader, "started": "", "website": ""}).content.decode()
        assert "One more step" in asked and reader in asked
        started = re.search(r'name="started" value="([^"]+)"', asked).group(1)
        client.post(form.group(1), {"email": reader, "started": started})

    assert sorted(message.to[0] for message in send_queued_emails()) == [
        "first@example.com",
        "second@example.com",
    ]


def test_an_address_is_one_address_whatever_its_case(client, every_day_nine_to_ten):
    for email in ("Casey@example.net", "casey@example.net", "CASEY@EXAMPLE.NET"):
        client.post(BOOK, call_form(every_free_time()[0].starts_at, email=email))

    assert list(IntroCall.objects.values_list("booking_request__email", flat=True)) == ["casey@example.net"]


@pytest.mark.django_db(transaction=True)
def test_addresses_kept_before_are_lower_cased_once():
    executor = MigrationExecutor(connection)
    executor.migrate([("newsletter", "0001_initial")])
    Subscriber = executor.loader.project_state(("newsletter", "0001_initial")).apps.get_model(
        "newsletter", "Subscriber"
    )
    Subscriber.objects.create(email="Casey@Example.net")
    Subscriber.objects.create(email="casey@example.net", confirmed_at=timezone.now())
    Subscriber.objects.create(email="Robin@Example.net")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    kept = Subscriber.objects.order_by("email")
    assert [(row.email, row.confirmed_at is not None) for row in kept] == [
        ("casey@example.net", True),
        ("robin@example.net", False),
    ]

"""A cache is an accelerator, not a dependency: with the cache server gone, or hanging, every
page and every form works, and /health/ keeps the server in the load balancer."""

import socket
import threading
import time

import pytest
from django.core import mail
from django.test import Client

from newsletter.models import Subscriber
from public_forms.forms import started_token
from tests.booking.request_form import request_form
from tests.hipcare.test_pages import DEMO_PAGES
from tests.scheduling.calls import call_form, every_free_time

pytestmark = pytest.mark.django_db(transaction=True)


def cache_at(address):
    return {
        "default": {
            "BACKEND": "operations.cache.ResilientRedisCache",
            "LOCATION": f"redis://{address}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def nothing_listening():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"127.0.0.1:{port}"  # closed again: connections are refused


@pytest.fixture
def a_cache_that_stopped_answering():
    """A server that accepts connections and then never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held, stop = [], threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(timeout=2)
    for connection in held:
        connection.close()
    listener.close()


@pytest.fixture
def demo(demo, every_day_nine_to_ten, settings):
    settings.FORM_RATE_LIMIT_PER_MINUTE = 1000


def every_page_and_form_works(send_queued_emails):
    visitor = Client()
    for path in DEMO_PAGES:
        expected = 404 if path == "/no-such-page/" else 200
        assert visitor.get(path).status_code == expected, path
    first = every_free_time()[0]
    assert visitor.post("/book/", request_form()).status_code == 302
    assert (
        visitor.post("/book/call/", call_form(first.starts_at, email="call@example.com")).status_code == 302
    )
    signup = {"email": "reader@example.com", "started": started_token()}
    assert visitor.post("/newsletter/", signup).status_code == 302
    send_queued_emails()
    assert Subscriber.objects.filter(email="reader@example.com").exists()
    assert len(mail.outbox) >= 5
    health = visitor.get("/health/")
    assert health.status_code == 200
    assert health.content == b"ok\ncache degraded: pages are served without it\n"


def test_with_nothing_listening_where_the_cache_should_be(
    settings, demo, nothing_listening, send_queued_emails
):
    settings.CACHES = cache_at(nothing_listening)
    every_page_and_form_works(send_queued_emails)


def test_with_a_cache_that_stops_answering(
    settings, demo, a_cache_that_stopped_answering, send_queued_emails
):
    settings.CACHES = cache_at(a_cache_that_stopped_answering)
    started = time.monotonic()
    every_page_and_form_works(send_queued_emails)
    # Each worker waits for the hung server once, then leaves it alone for a while.
    assert time.monotonic() - started < 20

"""Logs say what happened, never who: no personal link can be read from them and nobody can
forge a line in them."""

import contextlib
import io
import json
import logging
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from operations.log_format import PrivateDetailsFilter
from tests.conftest import copy_prepared_site, site_env
from tests.server import free_port, start_server

PROJECT_DIR = Path(__file__).resolve().parents[2]
MANAGE_TOKEN = "eyJjYWxsIjoxMn0:1vQxyz:secret-part-of-the-link"
HOSTILE_PATHS = [
    f"/book/call/{MANAGE_TOKEN}/",
    f"/book/call/{MANAGE_TOKEN}/new-time/",
    f"/newsletter/unsubscribe/{MANAGE_TOKEN}/",
    f"/newsletter/confirm/{MANAGE_TOKEN}/",
    "/articles/%0a127.0.0.1%20[01/Jan/2026]%20%22GET%20/admin/%20HTTP/1.1%22%20200",
    "/exercises/%0d%0aforged%1b[31m",
]
# What a visitor may put in a request that no log may repeat.
EMAIL = "pat.smith@example.com"
TOKEN = "gAAAAABn8Kx2fQ7mZt3LwPq9sR4vN1yHc6JdE0uBiTo5"
SECRET_QUERY = f"?email={EMAIL}&answers={TOKEN}&utm_source=private-query-marker"
PERSONAL_PARTS = (EMAIL, EMAIL.replace("@", "%40"), TOKEN, "private-query-marker", MANAGE_TOKEN)


def assert_nothing_personal(text):
    assert text.strip(), "the stream was empty"
    for part in PERSONAL_PARTS:
        assert part not in text, f"{part!r} was logged:\n{text}"


def get(url, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    with contextlib.suppress(urllib.error.HTTPError):
        urllib.request.urlopen(request, timeout=10)  # noqa: S310 - loopback


FORM = f"email={EMAIL}&name=Pat&token={TOKEN}".encode()
# Each error a visitor can cause from outside: (path, form, headers).
ERROR_REQUESTS = [
    (f"/articles/no-such-article/{EMAIL}/{TOKEN}/{SECRET_QUERY}", None, {}),  # 404
    (f"/articles/{SECRET_QUERY}", FORM, {}),  # 405
    (f"/book/{SECRET_QUERY}", FORM, {}),  # 403: no CSRF cookie
    (f"/articles/{SECRET_QUERY}", None, {"Host": EMAIL}),  # 400: a host the site does not serve
    (f"/book/call/{MANAGE_TOKEN}/{SECRET_QUERY}", FORM, {}),
]


@pytest.fixture(scope="module")
def server_logs(tmp_path_factory):
    """The access log of the site under gunicorn with production settings, once each hostile
    path has been requested."""
    folder = tmp_path_factory.mktemp("logs")
    copy_prepared_site(folder)
    env = site_env(folder, DJANGO_SECRET_KEY="log-test-key-" + "x" * 50)
    access_log, error_log = folder / "access.log", folder / "error.log"
    server, base = start_server(
        "--workers",
        "1",
        "--access-logfile",
        str(access_log),
        "--error-logfile",
        str(error_log),
        # The site's own lines (Django's request log among them) join gunicorn's in the error log.
        "--capture-output",
        "--log-level",
        "debug",
        env=env,
    )
    try:
        for path in HOSTILE_PATHS:
            get(base + path)
        for path, form, headers in ERROR_REQUESTS:
            get(base + path, form, headers)
    finally:
        server.terminate()
        server.wait(timeout=20)
    return {"access": access_log.read_text(), "error": error_log.read_text()}


def test_the_access_log_shows_personal_links_redacted(server_logs):
    access = server_logs["access"]
    assert MANAGE_TOKEN not in access
    assert "/book/call/[link]/new-time/" in access and "/newsletter/unsubscribe/[link]/" in access


def test_a_path_cannot_write_a_line_of_its_own_into_the_access_log(server_logs):
    access = server_logs["access"]
    lines = access.splitlines()
    assert len(lines) == len(HOSTILE_PATHS) + len(ERROR_REQUESTS) + 1  # and the /health/ probe
    # Each line starts with its time: the log keeps no client address.
    assert all(line.startswith("[") for line in lines)
    assert "\\n127.0.0.1" in access and "\\x1b[31m" in access


def test_the_applications_own_log_is_as_careful(tmp_path):
    script = (
        "import django, logging; django.setup();"
        "logging.getLogger('django.request').warning('Not Found: %s', "
        f"'/book/call/{MANAGE_TOKEN}/\\nFAKE ERROR line')"
    )
    for log_format in ("json", "text"):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "LOG_FORMAT": log_format}
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=PROJECT_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        (line,) = result.stderr.strip().splitlines()
        assert MANAGE_TOKEN not in line and "/book/call/[link]/" in line, log_format
        if log_format == "json":
            assert json.loads(line)["message"] == "Not Found: /book/call/[link]/\\nFAKE ERROR line"


@pytest.mark.parametrize("stream", ["access", "error"])
def test_no_gunicorn_log_keeps_an_address_a_token_or_a_query(server_logs, stream):
    assert_nothing_personal(server_logs[stream])
    if stream == "error":  # Django's request log reached it, with each error's path
        for message in ("Not Found: /articles/no-such-article/[email]/[token]/", "Method Not Allowed"):
            assert message in server_logs["error"]
        assert "Forbidden (CSRF cookie not set.): /book/" in server_logs["error"]
        assert "Invalid HTTP_HOST header: '[email]'" in server_logs["error"]


@pytest.fixture
def site_log(settings):
    """What every handler of the site's logging writes while the test runs."""
    handlers = [
        handler
        for name in ("", *logging.root.manager.loggerDict)
        for handler in logging.getLogger(name).handlers
        # The test runner's own, handlers that write nothing, and the handler vobject (a test
        # tool that reads calendar files, not part of the site) gives itself on import.
        if not type(handler).__module__.startswith("_pytest")
        and not isinstance(handler, logging.NullHandler)
        and not name.startswith("vobject")
    ]
    assert handlers and all(
        any(isinstance(f, PrivateDetailsFilter) for f in handler.filters) for handler in handlers
    ), "a log handler without the filter"
    stream = io.StringIO()
    streams = [handler.setStream(stream) for handler in handlers]
    yield stream
    for handler, original in zip(handlers, streams, strict=True):
        handler.setStream(original)


@pytest.mark.django_db
def test_every_error_a_visitor_can_cause_is_logged_without_their_details(site_log, settings):
    from django.core.management import call_command
    from django.test import Client

    from newsletter.models import Subscriber

    settings.ROOT_URLCONF = "tests.hipcare.failing_urls"
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    form = {"email": EMAIL, "name": "Pat", "token": TOKEN}
    statuses = [
        client.get(f"/articles/no-such-article/{EMAIL}/{TOKEN}/{SECRET_QUERY}").status_code,
        client.post(f"/articles/{SECRET_QUERY}", form).status_code,
        client.post(f"/book/{SECRET_QUERY}", form).status_code,
        client.get(f"/articles/{SECRET_QUERY}", headers={"host": EMAIL}).status_code,
        client.get(f"/self-check/no-such-check/result/{SECRET_QUERY}").status_code,
        client.post(f"/boom/{SECRET_QUERY}", form).status_code,
        client.get(f"/boom/{SECRET_QUERY}").status_code,
    ]
    assert sorted(set(statuses)) == [400, 403, 404, 405, 500]

    settings.EMAIL_BACKEND = "tests.hipcare.refusing_mail.EmailBackend"
    Subscriber.objects.create(email=EMAIL)
    call_command("send_pending_emails", stdout=io.StringIO())

    log = site_log.getvalue()
    assert "Internal Server Error: /boom/" in log and "SMTPRecipientsRefused" in log
    assert "not sent on try 1 (SMTPRecipientsRefused)" in log
    assert_nothing_personal(log)


def test_the_development_servers_log_is_as_careful(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=PROJECT_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for _ in range(100):
            try:
                get(f"http://127.0.0.1:{port}/articles/no-such/{EMAIL}/{SECRET_QUERY}")
                break
            except OSError:
                server.poll()
                time.sleep(0.2)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "/articles/no-such/[email]/" in output
    assert_nothing_personal(output)

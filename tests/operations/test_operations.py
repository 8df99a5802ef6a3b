import json
import os
import re
import sqlite3
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.views.debug import SafeExceptionReporterFilter

from booking.models import BookingRequest
from public_forms.forms import started_token
from tests.factories import ArticleFactory
from tests.visitor import fetch, open_booking_form, send_booking

pytestmark = pytest.mark.django_db
PROJECT_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backup; PostgreSQL has its own test")
@pytest.mark.django_db(transaction=True)
def test_backup_copies_the_database_and_the_copy_restores(tmp_path):
    ArticleFactory(title="Worth keeping")
    BookingRequest.objects.create(first_name="Sam", email="sam@example.com", has_consented=True)
    backup = tmp_path / "backup.sqlite3"
    output = StringIO()

    call_command("backup_database", str(backup), stdout=output)

    assert "integrity check passed" in output.getvalue()
    script = (
        "import django; django.setup(); from articles.models import Article; from booking.models import BookingRequest;"
        "print(Article.objects.get().title, BookingRequest.objects.count())"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": f"sqlite:///{backup}"}
    restored = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert restored.stdout.strip() == "Worth keeping 1", restored.stderr


@pytest.mark.skipif(connection.vendor == "sqlite", reason="PostgreSQL only")
def test_backup_on_postgresql_points_to_pg_dump():
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup_database")


# The health check briefly takes SQLite's write lock, which it cannot inside a test transaction.
@pytest.mark.django_db(transaction=True)
def test_health_reports_a_cache_that_keeps_nothing_without_failing(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok\ncache degraded: pages are served without it\n"


def test_an_oversized_form_post_is_refused_without_a_server_error(client):
    response = client.post(reverse("booking:request"), {"first_name": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "That was too much to send" in response.content.decode()


@pytest.mark.parametrize(
    "url", [reverse("booking:request"), reverse("newsletter:subscribe"), reverse("scheduling:book")]
)
def test_contact_details_are_kept_out_of_error_reports(client, url):
    request = client.post(url, {"email": "secret@example.com", "phone": "555 0100"}).wsgi_request
    cleansed = SafeExceptionReporterFilter().get_post_parameters(request)
    assert "secret@example.com" not in str(cleansed) and "555 0100" not in str(cleansed)


def test_production_logs_are_json_lines(tmp_path):
    script = (
        "import django, logging; django.setup();"
        "logging.getLogger('booking.services').error('Could not send %s', 'the notice', extra={'request_id': 7})"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "LOG_FORMAT": "json"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert entry["level"] == "ERROR" and entry["logger"] == "booking.services"
    assert entry["message"] == "Could not send the notice" and entry["request_id"] == 7


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write lock; PostgreSQL has its own test")
def test_a_locked_database_gets_a_calm_503_and_service_resumes_by_itself(running_server):
    """Another process holding SQLite's write lock (a long import, a backup tool, a stuck
    script): pages still render, the health URL says what is wrong, a booking request is refused
    with the visitor's input kept, and everything works again once the lock is gone."""
    base, database = running_server
    form_state = open_booking_form(base)
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        status, body, _ = fetch(base + "/health/")
        assert (status, body) == (503, "database locked for writing\n")
        assert fetch(base + "/articles/")[0] == 200

        status, page, _ = send_booking(base, form_state, "Locked")
        assert status == 503
        assert "your request was not saved" in page
        assert 'value="Locked"' in page
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert fetch(base + "/health/")[:2] == (200, "ok\n")
    status, _, _ = send_booking(base, form_state, "Afterwards")
    assert status == 200  # followed the redirect to the thank-you page
    with sqlite3.connect(database) as check:
        names = {row[0] for row in check.execute("SELECT first_name FROM booking_bookingrequest")}
    assert names == {"Afterwards"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only; SQLite has its own test")
@pytest.mark.django_db(transaction=True)
def test_a_locked_requests_table_on_postgresql_gets_a_calm_503_and_recovers(client):
    """A migration or a stuck session holding a lock on the booking requests table: the health URL
    says so within a second, a booking request waits 5 s at most and comes back with the
    visitor's input, and everything works again once the lock is gone."""
    import psycopg

    database = connection.settings_dict
    holder = psycopg.connect(
        dbname=database["NAME"],
        user=database["USER"],
        password=database["PASSWORD"],
        host=database["HOST"],
        port=database["PORT"],
    )
    holder.execute(f"LOCK TABLE {BookingRequest._meta.db_table} IN ACCESS EXCLUSIVE MODE")
    form = {
        "first_name": "Locked",
        "email": "locked@example.com",
        "preferred_time": "any",
        "has_consented": "on",
        "started": started_token(),
    }
    try:
        health = client.get("/health/")
        assert (health.status_code, health.content) == (503, b"database locked for writing\n")
        refused = client.post(reverse("booking:request"), form)
        assert refused.status_code == 503
        assert 'value="Locked"' in refused.content.decode()
    finally:
        holder.rollback()
        holder.close()

    assert client.get("/health/").status_code == 200
    # Sent again as the visitor would: the form that came back, with its fresh one-time token.
    form["started"] = re.search(r'name="started" value="([^"]+)"', refused.content.decode()).group(1)
    assert client.post(reverse("booking:request"), form).status_code == 302
    assert BookingRequest.objects.filter(email="locked@example.com").exists()


def test_the_proxy_has_the_sites_own_page_for_a_server_that_is_down(client):
    page = (PROJECT_DIR / "static" / "root" / "unavailable.html").read_text()
    deploy = (PROJECT_DIR / "docs" / "deploy.md").read_text()
    assert "error_page 502 503 504 /unavailable.html;" in deploy
    assert "root /srv/hipcare/static/root;" in deploy
    assert "back in a moment" in page.lower() and "send the form again" in page
    assert "http" not in page  # nothing to fetch from anywhere while the site is away

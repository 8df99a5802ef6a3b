"""Two `send_pending_emails` runs at the same moment (cron on two servers, or a run that overlaps
the next) send every owed email once: on SQLite, and on PostgreSQL where the suite runs on it."""

import datetime
import os
import subprocess
import sys
import uuid
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
OWED = """
import datetime
from django.utils import timezone
from booking.models import BookingRequest
from clinicians.models import Clinician
from newsletter.models import Subscriber
from scheduling.models import IntroCall

clinician = Clinician.objects.create(name="Dr. Test", slug="dr-test", credentials="PT", bio="Test.")
start = timezone.now() + datetime.timedelta(days=2)
for number in range(20):
    BookingRequest.objects.create(first_name="Sam", email=f"lead{number}@example.com", has_consented=True)
for number in range(10):
    Subscriber.objects.create(email=f"reader{number}@example.com")
for number in range(5):
    request = BookingRequest.objects.create(
        first_name="Kim", email=f"call{number}@example.com", has_consented=True, status="booked"
    )
    at = start + datetime.timedelta(minutes=15 * number)
    IntroCall.objects.create(
        clinician=clinician, booking_request=request, starts_at=at, ends_at=at + datetime.timedelta(minutes=10)
    )
"""
EMAILS_OWED = 20 * 2 + 10 + 5 * 2


@contextmanager
def a_disposable_database(tmp_path):
    """A database of its own: an SQLite file, or a fresh PostgreSQL database where the suite runs
    on PostgreSQL."""
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'outbox.sqlite3'}"
        return
    import psycopg

    name = f"hipcare_outbox_{uuid.uuid4().hex[:8]}"
    parts = urlsplit(configured)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_two_runs_at_once_send_each_owed_email_once(tmp_path):
    outbox = tmp_path / "outbox.txt"
    outbox.touch()
    with a_disposable_database(tmp_path) as database_url:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "hipcare.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "outbox-test-key-" + "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url,
            "DJANGO_EMAIL_BACKEND": "tests.slow_mail.EmailBackend",
            "OUTBOX_FILE": str(outbox),
        }
        manage = [sys.executable, "manage.py"]
        subprocess.run(
            [*manage, "migrate", "--noinput"], cwd=PROJECT_DIR, env=env, check=True, capture_output=True
        )
        subprocess.run(
            [*manage, "shell", "-c", OWED], cwd=PROJECT_DIR, env=env, check=True, capture_output=True
        )

        runs = [
            subprocess.Popen(
                [*manage, "send_pending_emails"],
                cwd=PROJECT_DIR,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(2)
        ]
        results = [run.communicate(timeout=120) for run in runs]
        assert [run.returncode for run in runs] == [0, 0], results

        sent = Counter(outbox.read_text().splitlines())
        assert sum(sent.values()) == EMAILS_OWED
        assert [line for line, count in sent.items() if count > 1] == []

        again = subprocess.run(
            [*manage, "send_pending_emails"],
            cwd=PROJECT_DIR,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        assert "Sent 0 emails; 0 waiting to be retried, 0 failed." in again.stdout
        assert sum(Counter(outbox.read_text().splitlines()).values()) == EMAILS_OWED


@pytest.mark.django_db
def test_an_intro_call_confirmation_that_failed_is_sent_by_the_next_run(
    every_day_nine_to_ten, settings, client, send_queued_emails, advance_clock
):
    from io import StringIO

    from django.core import mail
    from django.core.management import call_command

    from scheduling.models import IntroCall
    from tests.scheduling.calls import call_form, every_free_time

    first = every_free_time()[0]
    settings.EMAIL_BACKEND = "tests.booking.broken_mail.BrokenBackend"
    client.post("/book/call/", call_form(first.starts_at))
    assert send_queued_emails() == []
    assert IntroCall.objects.get()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    advance_clock(datetime.timedelta(minutes=2))
    call_command("send_pending_emails", stdout=StringIO())

    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects[0].startswith("Intro call booked #") and subjects[1].startswith("Intro call with")

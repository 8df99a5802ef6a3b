"""Fifty visitors sending the booking form at the same moment to a real server process.

gunicorn serves the production settings with a file-backed SQLite database (WAL mode), so the
writes really contend; every visitor must get the thank-you page and every request must be saved.
"""

import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
VISITORS = 50


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def running_server(tmp_path):
    port = free_port()
    database = tmp_path / "site.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hipcare.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "concurrency-test-key-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{database}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "FORM_RATE_LIMIT_PER_MINUTE": "100000",
        "FORM_MIN_FILL_SECONDS": "0",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput", "--verbosity", "0"]):
        subprocess.run(
            manage + command, cwd=PROJECT_DIR, env=env, check=True, capture_output=True, timeout=120
        )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(base + "/health/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the test server did not start") from None
                time.sleep(0.2)
        yield base, database
    finally:
        server.terminate()
        server.wait(timeout=20)


def book_a_call(base, number, start, outcomes):
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    try:
        with opener.open(base + "/book/", timeout=30) as response:
            page = response.read().decode()
        fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
        fields.update(
            first_name=f"Visitor {number}",
            email=f"visitor{number}@example.com",
            preferred_time="any",
            has_consented="on",
        )
        body = urllib.parse.urlencode(fields).encode()
        start.wait(timeout=30)
        with opener.open(urllib.request.Request(base + "/book/", data=body), timeout=60) as response:
            outcomes[number] = (
                response.status,
                response.url,
                "We have your request" in response.read().decode(),
            )
    except Exception as error:  # the test reports every failure, not just the first
        outcomes[number] = repr(error)


def test_fifty_simultaneous_visitors_are_all_saved(running_server):
    base, database = running_server
    start = threading.Barrier(VISITORS)
    outcomes = {}
    visitors = [
        threading.Thread(target=book_a_call, args=(base, n, start, outcomes)) for n in range(VISITORS)
    ]
    for visitor in visitors:
        visitor.start()
    for visitor in visitors:
        visitor.join(timeout=120)

    failures = {
        n: outcome for n, outcome in outcomes.items() if outcome != (200, base + "/book/thank-you/", True)
    }
    assert len(outcomes) == VISITORS and failures == {}
    with sqlite3.connect(database) as connection:
        saved = connection.execute("SELECT COUNT(DISTINCT email) FROM booking_bookingrequest").fetchone()[0]
    assert saved == VISITORS

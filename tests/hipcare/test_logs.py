"""Logs say what happened, never who: no personal link can be read from them and nobody can
forge a line in them."""

import contextlib
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.server import start_server

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


def get(url):
    with contextlib.suppress(urllib.error.HTTPError):
        urllib.request.urlopen(url, timeout=10)  # noqa: S310 - loopback


@pytest.fixture(scope="module")
def server_logs(tmp_path_factory):
    """The access log of the site under gunicorn with production settings, once each hostile
    path has been requested."""
    folder = tmp_path_factory.mktemp("logs")
    env = {
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "log-test-key-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_HTTPS": "false",
        "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
    }
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=PROJECT_DIR,
            env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": "hipcare.settings"},
            check=True,
            capture_output=True,
        )
    access_log, error_log = folder / "access.log", folder / "error.log"
    server, base = start_server(
        "--workers", "1", "--access-logfile", str(access_log), "--error-logfile", str(error_log), env=env
    )
    try:
        for path in HOSTILE_PATHS:
            get(base + path)
    finally:
        server.terminate()
        server.wait(timeout=20)
    return access_log.read_text()


def test_the_access_log_shows_personal_links_redacted(server_logs):
    access = server_logs
    assert MANAGE_TOKEN not in access
    assert "/book/call/[link]/new-time/" in access and "/newsletter/unsubscribe/[link]/" in access


def test_a_path_cannot_write_a_line_of_its_own_into_the_access_log(server_logs):
    access = server_logs
    lines = access.splitlines()
    assert len(lines) == len(HOSTILE_PATHS) + 1  # and the server's own /health/ probe
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

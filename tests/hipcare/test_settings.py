import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 30 + "-random-enough-for-production-0123"


def run_check(**env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    env.update({"DJANGO_SETTINGS_MODULE": "hipcare.settings", "DATABASE_URL": "sqlite:///:memory:"})
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check(DJANGO_ALLOWED_HOSTS="clinic.example")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize("weak_key", ["short", "django-insecure-" + "x" * 60])
def test_production_refuses_a_weak_secret_key(weak_key):
    result = run_check(DJANGO_SECRET_KEY=weak_key, DJANGO_ALLOWED_HOSTS="clinic.example")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is too weak" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_check(DJANGO_SECRET_KEY=STRONG_KEY)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS is not set" in result.stderr


def test_production_starts_with_a_key_and_hosts():
    result = run_check(DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_ALLOWED_HOSTS="clinic.example")
    assert result.returncode == 0, result.stderr


def test_sqlite_runs_in_wal_mode(tmp_path):
    database = tmp_path / "site.sqlite3"
    script = (
        "import django; django.setup();"
        "from django.db import connection;"
        "cursor = connection.cursor(); cursor.execute('PRAGMA journal_mode'); print(cursor.fetchone()[0])"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": f"sqlite:///{database}"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "wal", result.stderr


def test_variables_left_empty_as_in_env_example_fall_back_to_defaults():
    result = run_check(
        DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_ALLOWED_HOSTS="clinic.example", DATABASE_URL="", MEDIA_ROOT=""
    )
    assert result.returncode == 0, result.stderr


def test_a_worker_keeps_its_database_connection_between_requests(tmp_path):
    # Through the real WSGI handler: the test client keeps connections open whatever the settings.
    script = """
import django.db, io
from hipcare.wsgi import application

def serve(path):
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "SERVER_NAME": "clinic.example",
               "SERVER_PORT": "443", "HTTP_HOST": "clinic.example", "wsgi.url_scheme": "https",
               "wsgi.input": io.BytesIO(), "wsgi.errors": io.StringIO()}
    statuses = []
    response = application(environ, lambda status, headers: statuses.append(status))
    b"".join(response)
    response.close()
    return statuses[0]

print(serve("/health/"), "open" if django.db.connection.connection else "closed")
"""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="hipcare.settings",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="clinic.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        LOG_LEVEL="ERROR",
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    # Open after the response is finished: the next request on this worker goes straight to work.
    assert result.stdout.split() == ["200", "OK", "open"], result.stdout + result.stderr

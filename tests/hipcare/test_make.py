"""The two commands of the README, as make would run them (dry runs: nothing is installed)."""

import os
import subprocess
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]


def dry_run(*args):
    # Run from the suite's own `make test`, make would pass its flags and nesting level on.
    env = {
        name: value for name, value in os.environ.items() if name not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    }
    return subprocess.run(
        ["make", "--always-make", "--dry-run", "--no-print-directory", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_make_run_installs_only_what_the_site_needs():
    commands = dry_run("run")
    assert "-r requirements.txt" in commands
    assert "requirements-dev.txt" not in commands


def test_make_test_installs_the_test_tools_and_runs_the_whole_suite():
    commands = dry_run("test")
    assert "-r requirements-dev.txt" in commands
    assert commands.rstrip().endswith(".venv/bin/pytest")


def test_make_test_fast_leaves_out_only_the_browser_tests():
    assert dry_run("test-fast").rstrip().endswith('.venv/bin/pytest -m "not browser"')


def test_another_port_carries_into_links_in_emails():
    serving = [line for line in dry_run("run", "PORT=8001").splitlines() if "runserver" in line]
    assert serving == [
        'DJANGO_DEBUG=true SITE_URL="${SITE_URL:-http://127.0.0.1:8001}" .venv/bin/python manage.py runserver 127.0.0.1:8001'
    ]


def test_make_serve_never_creates_the_demo_login_and_checks_for_one_before_serving():
    commands = dry_run("serve").splitlines()
    loading = next(line for line in commands if "load_demo" in line)
    assert "DJANGO_DEBUG=false" in loading and "DJANGO_DEBUG=true" not in loading
    checking = next(
        index for index, line in enumerate(commands) if "check --deploy --fail-level ERROR" in line
    )
    serving = next(index for index, line in enumerate(commands) if "gunicorn" in line)
    assert checking < serving

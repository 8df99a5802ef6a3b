"""Browser tests drive Debian's Chromium through Playwright against pytest-django's live server.

Outside CI they skip, with a message saying why, when Chromium is missing; in CI a missing browser
is a failure, so these tests can never silently stop running there.
"""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# Keeps Chromium from reaching for the network at start-up; --no-sandbox is needed as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the tests' own ORM calls are still
    # synchronous, so Django's async-safety guard must stand aside for them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone_page(browser, live_server):
    """A phone-sized page that records console errors in `page.console_errors`."""
    context = browser.new_context(viewport=PHONE, base_url=live_server.url)
    # Pages here are local and small: a missing element should fail fast, not after 30 s.
    context.set_default_timeout(5000)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


@pytest.fixture(scope="session")
def demo_fixture(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo library as a fixture file, made once per test session: the loader runs inside a
    transaction that is rolled back, so the database stays empty for the tests that want it so.
    Restoring the file takes a fraction of the loader's time; the pictures it wrote stay in the
    session's MEDIA_ROOT for every test that restores it."""
    path = tmp_path_factory.mktemp("demo") / "demo.json"
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        # Content types and permissions are made again by each flush; rows name them by natural key.
        call_command(
            "dumpdata",
            all=True,
            natural_foreign=True,
            exclude=["contenttypes", "auth.permission", "sessions", "admin.logentry"],
            output=str(path),
            verbosity=0,
        )
        transaction.set_rollback(True)
    return path


@pytest.fixture
def demo_content(transactional_db, demo_fixture):
    call_command("loaddata", str(demo_fixture), verbosity=0)


def has_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")

"""Browser tests drive Debian's Chromium through Playwright against pytest-django's live server.

Outside CI they skip, with a message saying why, when Chromium is missing; in CI a missing browser
is a failure, so these tests can never silently stop running there.
"""

import os
from pathlib import Path

import pytest

from tests.requests_in_flight import wait_until_idle

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


@pytest.fixture(autouse=True)
def server_finished_before_the_database_is_emptied():
    """On SQLite the live server's threads and the test share one in-memory connection, and Django
    warns that queries from both at once fail at random. A page's last requests (a picture, the view
    beacon) can still be running when the test ends, so the test's database is emptied only once
    the server has answered them. Torn down after the test's pages close, before the database."""
    yield
    wait_until_idle()


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


def has_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")

"""Browser tests drive Debian's Chromium through Playwright against pytest-django's live server.

Outside CI they skip, with a message saying why, when Chromium is missing; in CI a missing browser
is a failure, so these tests can never silently stop running there.
"""

import os
import threading
from pathlib import Path

import pytest
from django.db import connection

from tests.requests_in_flight import database_turn, turns_taken, wait_until_idle

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
# A page here is local and answers in well under a second, but a busy machine running the tests
# side by side can take several; a missing element still fails in seconds, not Playwright's 30.
WAIT_MS = 15_000


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=WAIT_MS)

    # Playwright's sync API keeps an event loop in this thread; the tests' own ORM calls are still
    # synchronous, so Django's async-safety guard must stand aside for them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def test_and_server_take_turns_with_the_database():
    """On SQLite the live server's threads and the test share one in-memory connection, and Django
    warns that queries from several at once fail at random ("database table is locked", "SQL
    statements in progress"). A page's own requests (the page, its pictures, the view beacon)
    arrive together and when they will, so the server answers one at a time, each query the test
    makes waits its turn, and the test's database is emptied only once the server has answered
    every request."""
    test_thread = threading.current_thread()

    def after_the_server(execute, sql, params, many, context):
        if threading.current_thread() is not test_thread:
            return execute(sql, params, many, context)
        with database_turn:
            return execute(sql, params, many, context)

    with turns_taken(), connection.execute_wrapper(after_the_server):
        yield
        wait_until_idle()


@pytest.fixture
def phone_page(browser, live_server):
    """A phone-sized page that records console errors in `page.console_errors`."""
    context = browser.new_context(viewport=PHONE, base_url=live_server.url)
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


SIDEWAYS = """() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return [];
    const past = [...document.body.querySelectorAll('*')]
        .filter(element => element.getBoundingClientRect().right > root.clientWidth + 1)
        .slice(-5)
        .map(element => element.tagName + (element.id ? '#' + element.id : '') + '.' + element.className
            + ' ' + (element.textContent || '').trim().slice(0, 40));
    return [`${root.scrollWidth} px wide on a ${root.clientWidth} px screen`, ...past];
}"""


def runs_off_the_side(page):
    """What makes the page scroll sideways once it has loaded, named so that a failure says why:
    the page's width and the last elements past the screen's edge; empty when nothing does."""
    page.wait_for_load_state("load")
    return page.evaluate(SIDEWAYS)

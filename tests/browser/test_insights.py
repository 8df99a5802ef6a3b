"""A real browser's view of a page is counted once, by the page's beacon, with or without
JavaScript; the service worker's own fetches and the offline page count nothing."""

import time

import pytest

from insights.models import DailyCount
from tests.browser.conftest import WAIT_MS

pytestmark = pytest.mark.browser
ARTICLE = "/articles/breathing-and-the-pelvic-floor/"
# Chromium run headless says so in its user agent, which Insights takes for a robot.
PHONE_AGENT = "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"


def counts(kind):
    return dict(DailyCount.objects.filter(kind=kind).values_list("key", "count"))


def settled(expected, kind="view"):
    """The counts once the browser's requests have arrived (they are made after the page loads)."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while counts(kind) != expected and time.monotonic() < deadline:
        time.sleep(0.1)
    return counts(kind)


@pytest.mark.parametrize("scripts", [True, False], ids=["with-javascript", "without-javascript"])
def test_a_page_a_person_opens_is_counted_once(browser, live_server, demo_content, scripts):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        base_url=live_server.url,
        user_agent=PHONE_AGENT,
        java_script_enabled=scripts,
    )
    try:
        page = context.new_page()
        page.goto(ARTICLE, referer="https://www.example.com/some/page")
        assert settled({ARTICLE: 1}) == {ARTICLE: 1}
        if scripts:  # the page's script adds the site that sent the visitor
            assert settled({"example.com": 1}, "referrer") == {"example.com": 1}
            # The service worker has installed by now and fetched the offline page for itself.
            page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.goto("/")
        page.goto(ARTICLE)
        assert settled({ARTICLE: 2, "/": 1}) == {ARTICLE: 2, "/": 1}
        assert counts("referrer") == ({"example.com": 1} if scripts else {})
    finally:
        context.close()

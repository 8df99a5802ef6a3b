"""A patient's exercises and routine keep working with no signal; other pages explain they can't."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
FIGURE_4 = "/exercises/figure-4-stretch/"


def test_visited_exercises_and_the_routine_open_offline(phone_page, demo_content):
    phone_page.goto(FIGURE_4)
    phone_page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    phone_page.reload()  # now the service worker controls the page and keeps what it fetches
    phone_page.get_by_role("button", name="Add to my routine").click()
    phone_page.goto("/exercises/my-routine/")
    expect(phone_page.locator("[data-routine-list] [data-item-link]")).to_have_text(["Figure-4 stretch"])
    phone_page.goto("/book/")  # a form page: seen online, but never stored

    phone_page.context.set_offline(True)
    try:
        phone_page.goto(FIGURE_4)
        expect(phone_page.get_by_role("heading", level=1)).to_have_text("Figure-4 stretch")
        phone_page.goto("/exercises/my-routine/")
        expect(phone_page.locator("[data-routine-list] [data-item-link]")).to_have_text(["Figure-4 stretch"])
        for path in ("/articles/", "/book/"):
            phone_page.goto(path)
            expect(phone_page.get_by_role("heading", level=1)).to_have_text("You're offline")
    finally:
        phone_page.context.set_offline(False)


def test_the_site_is_installable(phone_page, demo_content):
    phone_page.goto("/")
    manifest = phone_page.evaluate(
        "fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())"
    )
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    assert phone_page.console_errors == []

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


def kept_offline(page, path):
    return page.evaluate(f"caches.open('pages').then((cache) => cache.match('{path}')).then(Boolean)")


def wait_until_kept(page, path):
    for _ in range(50):
        if kept_offline(page, path):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{path} was never kept offline")


def test_the_exercise_open_while_the_offline_cache_installs_is_kept(phone_page, demo_content):
    phone_page.goto(FIGURE_4)  # the first visit: no service worker yet sees this page's request
    phone_page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    wait_until_kept(phone_page, FIGURE_4)
    wait_until_kept(phone_page, "/exercises/my-routine/")

    phone_page.context.set_offline(True)
    try:
        phone_page.goto(FIGURE_4)
        expect(phone_page.get_by_role("heading", level=1)).to_have_text("Figure-4 stretch")
    finally:
        phone_page.context.set_offline(False)


def test_a_routine_saved_from_a_link_opens_offline_without_visiting_its_exercises(phone_page, demo_content):
    phone_page.goto("/")
    phone_page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    phone_page.goto("/exercises/my-routine/?e=clamshell,glute-bridge")
    phone_page.get_by_role("button", name="Save as my routine").click()
    for path in ("/exercises/clamshell/", "/exercises/glute-bridge/"):
        wait_until_kept(phone_page, path)

    phone_page.context.set_offline(True)
    try:
        phone_page.goto("/exercises/my-routine/")
        expect(phone_page.locator("[data-routine-list] [data-item-link]")).to_have_text(
            ["Clamshell", "Glute bridge"]
        )
        phone_page.locator("[data-routine-list] [data-item-link]").last.click()
        expect(phone_page.get_by_role("heading", level=1)).to_have_text("Glute bridge")
    finally:
        phone_page.context.set_offline(False)

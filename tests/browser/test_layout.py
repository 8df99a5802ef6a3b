"""The page's frame on a phone and a laptop: a compact header that stays at the top, a menu that
opens without script, and a laptop's width used for cards, the article's outline and the
exercise's pictures."""

import pytest

from tests.browser.conftest import PHONE, WAIT_MS

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 800}
ARTICLE = "/articles/is-a-tight-pelvic-floor-causing-your-hip-pain/"
PAGES = ["/", "/articles/", ARTICLE, "/exercises/", "/exercises/figure-4-stretch/", "/team/", "/book/"]


@pytest.fixture
def page_at(browser, live_server):
    contexts = []

    def open_page(viewport, javascript=True):
        context = browser.new_context(
            viewport=viewport, base_url=live_server.url, java_script_enabled=javascript
        )
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_on_a_phone_the_header_is_one_short_row_that_stays_on_screen(page_at, demo_content, path):
    page = page_at(PHONE, javascript=False)
    page.goto(path)
    header = page.locator(".site-header")

    assert header.bounding_box()["height"] <= 64
    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(100)
    assert page.evaluate("window.scrollY") > 0
    assert header.bounding_box()["y"] == 0
    assert page.get_by_role("link", name="Book a free call").is_visible()

    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Exercises").click()
    assert page.locator("h1").text_content() == "Exercises"


def test_links_in_text_are_underlined_and_navigation_is_not(page_at, demo_content):
    page = page_at(LAPTOP)
    page.goto(ARTICLE)
    decoration = "(selector) => getComputedStyle(document.querySelector(selector)).textDecorationLine"

    assert page.evaluate(decoration, ".prose a") == "underline"
    assert page.evaluate(decoration, ".site-nav__link") == "none"
    assert page.get_by_text("Menu", exact=True).is_hidden()


def test_a_laptop_shows_cards_three_a_row_and_the_outline_beside_the_article(page_at, demo_content):
    page = page_at(LAPTOP)
    page.goto("/articles/")
    tops = page.locator(".card-list > li").evaluate_all("items => items.slice(0, 3).map(i => i.offsetTop)")
    assert len(set(tops)) == 1

    page.goto(ARTICLE)
    outline = page.locator(".toc").bounding_box()
    body = page.locator(".article .prose").first.bounding_box()
    assert outline["x"] > body["x"] + body["width"]

    page.goto("/exercises/figure-4-stretch/")
    step = page.locator(".steps__item:has(.steps__image)").first
    picture = step.locator("picture").bounding_box()
    text = step.locator(".prose").first.bounding_box()
    assert text["x"] > picture["x"] + picture["width"] and text["y"] < picture["y"] + picture["height"]

import pytest

from tests.browser.conftest import runs_off_the_side

pytestmark = pytest.mark.browser


def test_home_on_a_phone_shows_booking_without_scrolling(phone_page, demo_content):
    phone_page.goto("/")

    booking = phone_page.get_by_role("link", name="Book a free call")
    assert booking.is_visible()
    box = booking.bounding_box()
    assert box["y"] + box["height"] <= 844
    assert not runs_off_the_side(phone_page)
    assert phone_page.console_errors == []


def test_demo_pages_fit_a_phone_without_console_errors(phone_page, demo_content):
    for path in [
        "/articles/",
        "/articles/is-a-tight-pelvic-floor-causing-your-hip-pain/",
        "/exercises/",
        "/exercises/figure-4-stretch/",
        "/book/",
    ]:
        phone_page.goto(path)
        assert not runs_off_the_side(phone_page), path
    assert phone_page.console_errors == []


def test_not_found_page_fits_a_phone_and_loads_its_assets(phone_page, demo_content):
    response = phone_page.goto("/no-such-page/")
    assert response.status == 404
    assert not runs_off_the_side(phone_page)
    # The browser reports the page's own 404 status; nothing else may fail to load.
    assert len(phone_page.console_errors) == 1


def test_skip_link_moves_keyboard_focus_to_the_main_content(phone_page, demo_content):
    phone_page.goto("/")
    phone_page.keyboard.press("Tab")
    assert phone_page.evaluate("document.activeElement.textContent") == "Skip to main content"
    phone_page.keyboard.press("Enter")
    assert phone_page.evaluate("document.activeElement.id") == "main"

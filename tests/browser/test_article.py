import pytest

from tests.browser.conftest import has_horizontal_scroll

pytestmark = pytest.mark.browser
DEMO_ARTICLE = "/articles/is-a-tight-pelvic-floor-causing-your-hip-pain/"


def test_demo_article_reads_well_on_a_phone(phone_page, demo_content):
    phone_page.goto(DEMO_ARTICLE)

    assert not has_horizontal_scroll(phone_page)
    assert phone_page.get_by_role("heading", level=1).count() == 1
    assert phone_page.locator(".embed-card").count() == 5
    assert phone_page.console_errors == []


def test_table_of_contents_links_move_to_their_headings(phone_page, demo_content):
    phone_page.goto(DEMO_ARTICLE)
    toc = phone_page.get_by_role("navigation", name="On this page")

    toc.get_by_role("link", name="Which exercises to avoid").click()

    heading = phone_page.get_by_role("heading", name="Which exercises to avoid")
    phone_page.wait_for_function("location.hash === '#section-which-exercises-to-avoid'")
    top = heading.evaluate("element => element.getBoundingClientRect().top")
    assert 0 <= top < 200


def test_booking_invitation_is_reachable_from_the_article(phone_page, demo_content):
    phone_page.goto(DEMO_ARTICLE)
    invitation = phone_page.get_by_role("link", name="Book a free 10-minute call").first
    invitation.scroll_into_view_if_needed()
    assert invitation.is_visible()

    invitation.click()

    assert phone_page.get_by_role("heading", level=1).text_content() == "Book a free 10-minute call"


def test_printed_article_drops_navigation_and_keeps_one_booking_line(phone_page, demo_content):
    phone_page.goto(DEMO_ARTICLE)
    phone_page.emulate_media(media="print")

    assert not phone_page.get_by_role("navigation", name="Main").is_visible()
    assert not phone_page.get_by_role("navigation", name="On this page").is_visible()
    print_lines = phone_page.locator(".cta__print:visible")
    assert print_lines.count() == 1
    assert print_lines.text_content().endswith("/book/")
    assert "http://" in print_lines.text_content()

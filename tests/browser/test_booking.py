"""Booking a call and signing up for the newsletter on a phone, with and without JavaScript."""

import pytest

from booking.models import BookingRequest
from newsletter.models import Subscriber
from tests.browser.conftest import PHONE, WAIT_MS

pytestmark = pytest.mark.browser
DEMO_ARTICLE = "/articles/is-a-tight-pelvic-floor-causing-your-hip-pain/"


def book_from_the_article(page):
    page.goto(DEMO_ARTICLE)
    page.get_by_role("link", name="Book a free 10-minute call").first.click()
    page.get_by_role("heading", name="Book a free 10-minute call").wait_for()

    page.get_by_role("button", name="Request my call").click()
    summary = page.get_by_role("alert")
    assert "Email address is required." in summary.text_content()

    page.get_by_label("First name").fill("Robin")
    page.get_by_label("Email", exact=True).fill("robin@example.com")
    page.get_by_label("Weekday mornings").check()
    page.get_by_label("The clinic may contact me").check()
    page.get_by_role("button", name="Request my call").click()
    page.get_by_role("heading", name="Thank you! We have your request.").wait_for()


def test_visitor_books_a_call_from_the_demo_article(phone_page, demo_content):
    book_from_the_article(phone_page)

    booking = BookingRequest.objects.get()
    assert (booking.first_name, booking.preferred_time) == ("Robin", "weekday-morning")
    assert booking.source_path == DEMO_ARTICLE
    assert phone_page.url.endswith("/book/thank-you/")
    assert phone_page.console_errors == []


def test_booking_works_with_javascript_turned_off(browser, live_server, demo_content):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, base_url=live_server.url)
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()

    book_from_the_article(page)

    assert BookingRequest.objects.get().source_path == DEMO_ARTICLE
    context.close()


def test_newsletter_form_shows_its_three_states(phone_page, demo_content):
    phone_page.goto(DEMO_ARTICLE)
    signup = phone_page.locator("[data-form-region=newsletter]")
    signup.get_by_role("button", name="Sign up").click()
    phone_page.get_by_text("Email address is required.").first.wait_for()

    phone_page.route("**/newsletter/", lambda route: route.abort())
    phone_page.locator("[data-form-region=newsletter]").get_by_label("Your email").fill("reader@example.com")
    phone_page.locator("[data-form-region=newsletter]").get_by_role("button", name="Sign up").click()
    failure = phone_page.get_by_text("Oops! Something went wrong")
    failure.wait_for()
    assert (
        phone_page.locator("[data-form-region=newsletter]").get_by_label("Your email").input_value()
        == "reader@example.com"
    )

    phone_page.unroute("**/newsletter/")
    phone_page.locator("[data-form-region=newsletter]").get_by_role("button", name="Sign up").click()
    phone_page.get_by_text("Check your inbox to confirm").wait_for()
    assert phone_page.url.endswith(DEMO_ARTICLE)
    assert Subscriber.objects.get().email == "reader@example.com"

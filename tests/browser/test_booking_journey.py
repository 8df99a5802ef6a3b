"""A visitor on a phone (390 px) books an intro call from the booking page, keeps it in their
calendar, looks at moving it, and signs up for the newsletter from the footer."""

import pytest
from playwright.sync_api import expect

from clinic.models import ClinicProfile
from newsletter.models import Subscriber
from scheduling.links import manage_url
from scheduling.models import IntroCall
from tests.browser.conftest import WAIT_MS, runs_off_the_side

pytestmark = pytest.mark.browser


def test_a_visitor_chooses_how_books_a_time_and_keeps_it_in_their_calendar(phone_page, demo_content):
    page = phone_page
    ClinicProfile.objects.filter(pk=1).update(phone="(503) 555-0142")
    page.goto("/book/")
    choosing = page.locator("main h2")
    expect(choosing.first).to_have_text("Pick a time yourself")
    lead = page.locator("main .lead").text_content()
    assert "front desk" not in lead and "Choose how" in lead
    assert not runs_off_the_side(page)

    page.locator(".pick-time .days__link").first.click()
    page.locator(".times__option input").first.check()
    page.get_by_label("First name").fill("Alex")
    page.get_by_label("Email", exact=True).fill("alex@example.com")
    page.get_by_label("The clinic may contact me").check()
    page.get_by_role("button", name="Book this time").click()
    expect(page.get_by_role("alert")).to_contain_text("your intro call is a phone call")
    assert not IntroCall.objects.exists()

    page.locator(".times__option input").first.check()
    page.get_by_label("Phone", exact=True).fill("503 555 0100")
    page.get_by_label("The clinic may contact me").check()
    page.get_by_role("button", name="Book this time").click()
    page.get_by_role("heading", name="You're booked!").wait_for()
    call = IntroCall.objects.select_related("clinician").get()
    expect(page.locator("main")).to_contain_text(
        f"{call.clinician.name}, PT, DPT will call you from (503) 555-0142."
    )
    assert not runs_off_the_side(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Add to calendar").click()
    # Lines of a calendar file end in CRLF, and long ones fold onto the next with a space.
    ics = download.value.path().read_bytes().decode().replace("\r\n ", "")
    assert download.value.suggested_filename == "intro-call.ics"
    assert "BEGIN:VEVENT" in ics and "will call you from (503) 555-0142" in ics
    assert manage_url(call) in ics

    page.get_by_role("link", name="Choose a new time").click()
    expect(page.locator("main .lead")).to_contain_text("Your call is booked for")
    expect(page.locator("main")).not_to_contain_text("Your call is now on")
    assert not runs_off_the_side(page)
    assert page.console_errors == []


def test_a_visitor_signs_up_from_the_footer_without_script(browser, live_server, demo_content):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, java_script_enabled=False, base_url=live_server.url
    )
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    page.goto("/exercises/")
    footer = page.locator(".site-footer .signup")
    footer.get_by_label("Your email").fill("reader@example.com")
    footer.get_by_role("button", name="Sign up").click()

    # The footer is on pages kept for everyone, so it holds no single-use token: one more press.
    expect(page.locator("main")).to_contain_text("One more step")
    page.locator("main").get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Check your inbox to confirm")).to_be_visible()
    assert Subscriber.objects.get().email == "reader@example.com"
    assert not runs_off_the_side(page)
    context.close()

"""A visitor in London books a call with the clinic in Los Angeles, on a phone."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils.dateformat import format as format_date
from playwright.sync_api import expect

from public_forms.outbox import send_due
from scheduling.models import IntroCall
from tests.browser.conftest import PHONE, WAIT_MS

pytestmark = pytest.mark.browser
LONDON = ZoneInfo("Europe/London")


def test_visitor_picks_a_day_and_a_time_shown_in_their_own_zone(browser, live_server, demo_content):
    context = browser.new_context(viewport=PHONE, timezone_id="Europe/London", base_url=live_server.url)
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    page.goto("/book/")
    page.get_by_role("heading", name="Pick a time yourself").wait_for()
    page.locator(".pick-time .days__link").first.click()
    zone_note = page.locator("[data-zone-note]")
    expect(zone_note).to_have_text(re.compile(r"Times are shown in your time zone, [A-Z][^/]+\."))

    first_time = page.locator(".times__option").first
    label = first_time.locator("time")
    starts_at = label.get_attribute("datetime")
    expected = datetime.fromisoformat(starts_at).astimezone(LONDON)
    expect(label).to_have_text(f"{format_date(expected, 'g:i A')} GMT")
    first_time.locator("input").check()
    page.get_by_label("First name").fill("Alex")
    page.get_by_label("Email", exact=True).fill("alex@example.com")
    page.get_by_label("Phone", exact=True).fill("+44 20 7946 0000")
    page.get_by_label("The clinic may contact me").check()
    page.get_by_role("button", name="Book this time").click()

    page.get_by_role("heading", name="You're booked!").wait_for()
    call = IntroCall.objects.get()
    assert call.starts_at.isoformat() == starts_at
    expect(page.locator("main time")).to_contain_text("GMT")
    assert call.visitor_time_zone == "Europe/London"
    send_due()  # the site's sender, outside the request
    confirmation = next(message for message in mail.outbox if message.to == ["alex@example.com"])
    clinic_time = call.starts_at.astimezone(ZoneInfo("America/Los_Angeles"))
    assert f"{format_date(expected, 'l, F j, Y, g:i A')} London time" in confirmation.body
    assert f"({format_date(clinic_time, 'g:i A')} Pacific Time at the clinic)" in confirmation.body
    assert errors == []
    context.close()


def test_choosing_a_day_on_a_phone_lands_on_its_times(phone_page, demo_content):
    phone_page.goto("/book/call/")
    phone_page.locator(".days__link").nth(3).click()
    phone_page.wait_for_url("**#times")
    expect(phone_page.locator("#times")).to_be_in_viewport()
    expect(
        phone_page.get_by_text(
            re.compile(r"(Your call will be with|One of our physical therapists will call you)")
        )
    ).to_have_count(1)

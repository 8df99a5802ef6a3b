"""The front desk on a laptop (1366 px): the request list fits, a booked request shows its call and
leads to it, the admin home counts what needs attention, and the Move screen starts from the call
as it is."""

from datetime import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from booking.models import BookingRequest
from scheduling import services
from scheduling.models import IntroCall
from scheduling.slots import free_times
from tests.browser.conftest import WAIT_MS, runs_off_the_side

pytestmark = pytest.mark.browser
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def desk(browser, live_server, demo_content):
    get_user_model().objects.create_superuser("desk", "desk@example.com", "a-long-test-password")
    context = browser.new_context(viewport=LAPTOP, base_url=live_server.url)
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    yield page
    context.close()


def book(free, first_name, phone):
    return services.intro_call_book(
        starts_at=free.starts_at,
        first_name=first_name,
        email=f"{first_name.lower()}@example.com",
        phone=phone,
        has_consented=True,
        source_path="/articles/is-a-tight-pelvic-floor-causing-your-hip-pain/",
    )


def test_the_front_desk_works_requests_and_calls_on_a_laptop(desk):
    days = list(free_times().values())
    call = book(days[2][0], "Jordan", "+1 (503) 555-0100 ext. 12")
    book(days[3][0], "Riley", "503 555 0199")
    BookingRequest.objects.create(
        first_name="Morgan",
        email="morgan.with.a.rather.long.address@example-clinic-patients.com",
        phone="(503) 555-0123",
        has_consented=True,
        notes="Left a voicemail on Monday; asked to call back after work, weekday evenings only please.",
    )

    desk.goto("/admin/booking/bookingrequest/")
    assert not runs_off_the_side(desk)
    # The list's own box scrolls sideways rather than the page when it is too wide.
    assert not desk.evaluate(
        "[...document.querySelectorAll('.results')].some(e => e.scrollWidth > e.clientWidth)"
    )
    for cell in desk.locator("td.field-phone_number").all():
        lines = cell.evaluate(
            "cell => { const range = document.createRange(); range.selectNodeContents(cell);"
            " return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size; }"
        )
        assert lines == 1, cell.text_content()
    row = desk.locator("#result_list tr", has_text="Jordan")
    expect(row).not_to_contain_text("Any time")
    row.locator("td.field-call_or_best_time a").click()
    expect(desk.locator("#content h2, #content h1").first).to_contain_text("Change intro call")

    desk.goto("/admin/")
    expect(desk.locator("#dashboard")).to_contain_text("intro calls after tomorrow")

    desk.goto(f"/admin/scheduling/introcall/{call.pk}/move/")
    assert not runs_off_the_side(desk)
    expect(desk.locator("main, #content").first).to_contain_text(call.clinician.name)
    checked = desk.locator("input[name=slot]:checked")
    expect(checked).to_have_value(call.starts_at.isoformat())
    # The call's own day only, however many times that day offers.
    offered = desk.locator("input[name=slot]").evaluate_all("inputs => inputs.map(input => input.value)")
    call_day = timezone.localtime(call.starts_at).date()
    assert {timezone.localtime(datetime.fromisoformat(value)).date() for value in offered} == {call_day}

    other_day = list(free_times())[4]
    desk.locator(f"a[href='?day={other_day.isoformat()}']").click()
    desk.locator("input[name=slot]").first.check()
    desk.get_by_role("button", name="Move the call").click()
    expect(desk.locator(".messagelist")).to_contain_text("Call moved")
    call.refresh_from_db()
    assert timezone.localtime(call.starts_at).date() == other_day
    assert IntroCall.objects.filter(status="booked").count() == 2

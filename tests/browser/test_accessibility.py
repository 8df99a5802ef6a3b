"""axe-core on every public page type at phone size: no violations, no console errors."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.accessibility import AXE_OPTIONS
from tests.browser.conftest import WAIT_MS

pytestmark = pytest.mark.browser
QUIZ = "/self-check/is-my-hip-pain-pelvic-floor-related/"
PAGES = [
    "/",
    "/articles/",
    "/articles/topics/hip-pain/",
    "/articles/search/?q=hip",
    "/articles/search/?q=zebra",
    "/articles/is-a-tight-pelvic-floor-causing-your-hip-pain/",
    "/exercises/",
    "/exercises/?kind=stretch&equipment=none",
    "/exercises/figure-4-stretch/",
    "/exercises/my-routine/?e=figure-4-stretch,tennis-ball-release",
    "/book/",
    "/book/call/",
    "/self-check/",
    QUIZ,
    "/newsletter/",
    "/team/",
    "/team/maya-lindqvist/",
    "/about-us/",
    "/conditions-we-treat/",
    "/privacy/",
    "/no-such-page/",
]


def violations(page):
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{violation['id']}: {violation['help']} ({[node['target'] for node in violation['nodes']]})"
        for violation in results.response["violations"]
    ]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_accessibility_violations(phone_page, demo_content, path):
    phone_page.goto(path)
    assert violations(phone_page) == []
    expected_errors = 1 if path == "/no-such-page/" else 0  # the 404 status itself
    assert len(phone_page.console_errors) == expected_errors


def test_quiz_result_and_booking_states_have_no_violations(phone_page, demo_content):
    phone_page.goto(QUIZ + "?")
    phone_page.get_by_role("button", name="Next").click()  # the "please answer" state
    assert violations(phone_page) == []
    for _ in range(8):
        # The last choice of each question: never a red flag, which would end the check at once.
        phone_page.locator("[data-quiz-question]:visible input").last.check()
        next_button = phone_page.get_by_role("button", name="Next")
        if next_button.is_visible():
            next_button.click()
    phone_page.get_by_role("button", name="See my result").click()
    phone_page.get_by_role("heading", name="Your result").wait_for()
    assert violations(phone_page) == []

    phone_page.goto(QUIZ)
    # A red flag sends the form at once: a click, since the answer is gone before `check` could
    # see it checked.
    phone_page.locator("[data-quiz-question]:visible input").first.click()
    phone_page.get_by_role("heading", name="Please get medical help now").wait_for()
    assert violations(phone_page) == []

    phone_page.goto("/book/")
    phone_page.get_by_role("button", name="Request my call").click()
    phone_page.get_by_role("alert").first.wait_for()
    assert violations(phone_page) == []


def test_guided_mode_has_no_violations(phone_page, demo_content):
    phone_page.goto("/exercises/figure-4-stretch/")
    phone_page.get_by_role("button", name="Start guided mode").click()
    assert violations(phone_page) == []


@pytest.fixture
def dark_laptop_page(browser, live_server):
    context = browser.new_context(
        viewport={"width": 1366, "height": 800}, color_scheme="dark", base_url=live_server.url
    )
    context.set_default_timeout(WAIT_MS)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_dark_mode_on_a_laptop_has_no_violations(dark_laptop_page, demo_content, path):
    """Dark mode's colours, and the laptop's layout, pass the same checks: axe's contrast rule
    reads every text against what is behind it."""
    dark_laptop_page.goto(path)
    assert dark_laptop_page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(18, 26, 25)"
    assert violations(dark_laptop_page) == []

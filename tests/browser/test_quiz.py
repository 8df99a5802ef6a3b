"""Taking the demo self-check on a phone, tapping through one question at a time, and without JavaScript."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, WAIT_MS, runs_off_the_side

pytestmark = pytest.mark.browser
QUIZ = "/self-check/is-my-hip-pain-pelvic-floor-related/"
TAPS = [
    "No",
    "No",
    "No",
    "No",
    "Tightness",
    "Stretching hasn't helped, however much I do",
    "Sitting much more, for example at a new desk job",
    "3",
]


def test_tapping_through_the_demo_quiz_reaches_a_result_and_an_exercise(phone_page, demo_content):
    phone_page.goto(QUIZ)
    progress = phone_page.locator("[data-quiz-progress]")
    expect(progress).to_have_text("Question 1 of 8")

    phone_page.get_by_role("button", name="Next").click()
    expect(phone_page.locator("[data-quiz-question]:visible [data-quiz-error]")).to_have_text(
        "Please answer this question."
    )

    for number, label in enumerate(TAPS, start=1):
        expect(progress).to_have_text(f"Question {number} of 8")
        question = phone_page.locator("[data-quiz-question]:visible")
        assert question.count() == 1
        question.get_by_label(label, exact=True).check()
        if number < len(TAPS):
            phone_page.get_by_role("button", name="Next").click()
    phone_page.get_by_role("button", name="Back").click()
    expect(progress).to_have_text("Question 7 of 8")
    phone_page.get_by_role("button", name="Next").click()
    phone_page.get_by_role("button", name="See my result").click()

    expect(phone_page.locator("#outcome-title")).to_have_text("Tight pelvic floor muscles may be part of it")
    assert not runs_off_the_side(phone_page)
    phone_page.get_by_role("link", name="Figure-4 stretch").click()
    expect(phone_page.get_by_role("heading", level=1)).to_have_text("Figure-4 stretch")
    assert phone_page.console_errors == []


def test_the_demo_quiz_works_without_javascript(browser, live_server, demo_content):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, base_url=live_server.url)
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    page.goto(QUIZ)
    assert page.locator("[data-quiz-question]:visible").count() == 8

    questions = page.locator("[data-quiz-question]")
    for index, label in enumerate(TAPS):
        if index == 4:
            continue  # leave one out to see the message
        questions.nth(index).get_by_label(label, exact=True).check()
    page.get_by_role("button", name="See my result").click()
    expect(page.get_by_role("alert")).to_contain_text("Question 5: Please answer this question.")

    page.locator("[data-quiz-question]").nth(4).get_by_label("Tightness", exact=True).check()
    page.get_by_role("button", name="See my result").click()
    expect(page.locator("#outcome-title")).to_have_text("Tight pelvic floor muscles may be part of it")
    context.close()


def test_a_red_flag_answer_goes_straight_to_urgent_guidance_on_a_phone(phone_page, demo_content):
    phone_page.goto(QUIZ)
    expect(phone_page.locator("[data-quiz-progress]")).to_have_text("Question 1 of 8")

    # Sends the form at once: a click, since the answer is gone before `check` could see it checked.
    phone_page.locator("[data-quiz-question]:visible").get_by_label("Yes", exact=True).click()

    expect(phone_page.get_by_role("heading", name="Please get medical help now")).to_be_visible()
    emergency = phone_page.get_by_role("link", name="911")
    expect(emergency).to_be_in_viewport()
    assert phone_page.get_by_role("link", name="Book a free 10-minute call").count() == 0

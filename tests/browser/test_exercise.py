"""Guided mode and "My routine" in a phone-sized Chromium, with the page's clock under test control."""

import json
import re

import pytest
from playwright.sync_api import expect

from exercises.models import Exercise, Step
from tests.browser.conftest import PHONE, runs_off_the_side

pytestmark = pytest.mark.browser
FIGURE_4 = "/exercises/figure-4-stretch/"
LUNGE = "/exercises/kneeling-hip-flexor-lunge/"


def start_guided(page, path=FIGURE_4):
    page.clock.install()
    page.goto(path)
    page.get_by_role("button", name="Start guided mode").click()
    return page.locator("dialog[data-guided]")


def timer(dialog):
    return dialog.locator("[data-guided-timer]").text_content()


def walk_through(page, dialog, limit=100, taps=None):
    """Follow guided mode to the end as a patient would: wait out timers, tap Next otherwise
    (counted in `taps`, a list, when given)."""
    seen = []
    for _ in range(limit):
        screen = dialog.get_attribute("data-screen")
        seen.append(
            (
                screen,
                dialog.locator("[data-guided-progress]").text_content(),
                dialog.locator("[data-guided-body]").text_content(),
            )
        )
        if screen == "done":
            return seen
        seconds = timer(dialog)
        if seconds:
            page.clock.run_for(int(seconds) * 1000)
        else:
            dialog.get_by_role("button", name="Next").click()
            if taps is not None:
                taps.append(screen)
    raise AssertionError(f"guided mode did not finish: {seen[-3:]}")


def test_guided_mode_walks_through_every_step_on_both_sides(phone_page, demo_content):
    dialog = start_guided(phone_page)
    assert dialog.is_visible()
    assert dialog.get_attribute("data-screen") == "ready"

    assert "Sit toward the front of a sturdy chair" in dialog.locator("[data-guided-body]").text_content()
    taps = []
    seen = walk_through(phone_page, dialog, taps=taps)

    steps = [progress for screen, progress, _ in seen if screen == "step"]
    # Each side: every step once, then the held step again for each further repetition.
    assert len(steps) == 2 * (4 + 2)
    assert steps[0] == "Side 1 of 2 · Rep 1 of 3 · Step 1 of 4"
    assert steps[-1] == "Side 2 of 2 · Rep 3 of 3 · Step 3 of 4"
    kinds = [screen for screen, _, _ in seen]
    switch_at = kinds.index("switch")
    assert seen[switch_at - 1][1] == "Side 1 of 2 · Rep 3 of 3 · Step 3 of 4"
    assert seen[switch_at + 1][1] == "Side 2 of 2 · Rep 1 of 3 · Step 1 of 4"
    assert "Lift one foot" in seen[1][2]
    assert len(taps) <= 8, taps  # was 20: holds, rests and get-ready move on by themselves
    assert phone_page.console_errors == []


def test_hold_countdown_reaches_zero_then_moves_on(phone_page, demo_content):
    dialog = start_guided(phone_page)
    phone_page.clock.run_for(5000)  # the get-ready countdown
    dialog.get_by_role("button", name="Next").click()
    dialog.get_by_role("button", name="Next").click()
    assert dialog.locator("[data-guided-progress]").text_content().endswith("Step 3 of 4")
    assert timer(dialog) == "30"

    phone_page.clock.run_for(29000)
    assert timer(dialog) == "1"
    assert dialog.locator("[data-guided-announce]").text_content() == "1"

    phone_page.clock.run_for(1000)
    assert dialog.locator("[data-guided-progress]").text_content().endswith("Step 4 of 4")


def test_pause_holds_the_time_and_resume_continues(phone_page, demo_content):
    dialog = start_guided(phone_page)
    phone_page.clock.run_for(2000)
    assert timer(dialog) == "3"

    dialog.get_by_role("button", name="Pause").click()
    phone_page.clock.run_for(10000)
    assert timer(dialog) == "3"
    assert dialog.get_by_role("button", name="Resume").is_visible()

    dialog.get_by_role("button", name="Resume").click()
    phone_page.clock.run_for(1000)
    assert timer(dialog) == "2"


def test_guided_mode_works_from_the_keyboard(phone_page, demo_content):
    dialog = start_guided(phone_page)
    phone_page.keyboard.press("ArrowRight")
    assert dialog.locator("[data-guided-progress]").text_content().endswith("Step 1 of 4")
    phone_page.keyboard.press("ArrowLeft")
    assert dialog.get_attribute("data-screen") == "ready"
    phone_page.keyboard.press("Escape")
    assert not dialog.is_visible()


def test_routine_survives_a_reload_and_can_be_reordered(phone_page, demo_content):
    for path in (FIGURE_4, LUNGE):
        phone_page.goto(path)
        phone_page.get_by_role("button", name="Add to my routine").click()
        assert phone_page.get_by_role("button", name="Remove from my routine").is_visible()

    phone_page.goto("/exercises/my-routine/")
    phone_page.reload()
    names = phone_page.locator("[data-routine-list] [data-item-link]")
    names.first.wait_for()
    assert names.all_text_contents() == ["Figure-4 stretch", "Kneeling hip-flexor lunge"]

    phone_page.get_by_role("button", name="Move down: Figure-4 stretch").click()
    phone_page.reload()
    names.first.wait_for()
    assert names.all_text_contents() == ["Kneeling hip-flexor lunge", "Figure-4 stretch"]

    phone_page.get_by_role("button", name="Remove: Kneeling hip-flexor lunge").click()
    assert names.all_text_contents() == ["Figure-4 stretch"]
    share = phone_page.get_by_label("Link to this routine").input_value()
    assert share.endswith("/exercises/my-routine/?e=figure-4-stretch")
    assert phone_page.console_errors == []


def test_routine_opens_from_a_clinicians_link_and_can_be_saved(phone_page, demo_content):
    phone_page.goto("/exercises/my-routine/?e=tennis-ball-release,figure-4-stretch")
    assert phone_page.locator(".routine__name").all_text_contents() == [
        "Tennis-ball release",
        "Figure-4 stretch",
    ]

    phone_page.get_by_role("button", name="Save as my routine").click()
    phone_page.goto("/exercises/my-routine/")
    names = phone_page.locator("[data-routine-list] [data-item-link]")
    names.first.wait_for()
    assert names.all_text_contents() == ["Tennis-ball release", "Figure-4 stretch"]


def test_routine_plays_all_its_exercises_in_guided_mode(phone_page, demo_content):
    phone_page.clock.install()
    phone_page.goto("/exercises/my-routine/?e=tennis-ball-release,seated-hip-flexor-isometric")
    phone_page.get_by_role("button", name="Start the whole routine").click()
    dialog = phone_page.locator("dialog[data-guided]")
    assert dialog.locator("[data-guided-exercise]").text_content() == "Exercise 1 of 2: Tennis-ball release"

    seen = walk_through(phone_page, dialog)

    steps = [screen for screen, _, _ in seen if screen == "step"]
    # Every step of both, at least once (a step repeats for each side and repetition).
    assert (
        len(steps)
        >= Step.objects.filter(
            exercise__slug__in=["tennis-ball-release", "seated-hip-flexor-isometric"]
        ).count()
    )
    assert seen[-1][0] == "done"


def test_printed_exercise_hides_navigation_and_guided_controls(phone_page, demo_content):
    phone_page.goto(FIGURE_4)
    phone_page.emulate_media(media="print")
    assert not phone_page.get_by_role("navigation", name="Main").is_visible()
    assert not phone_page.get_by_role("button", name="Start guided mode").is_visible()
    assert phone_page.locator(".steps__item").first.is_visible()


def test_without_javascript_every_step_is_on_the_page(browser, live_server, demo_content):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto(FIGURE_4)
    assert page.locator(".steps__item").count() == 4
    assert not page.get_by_role("button", name="Start guided mode").is_visible()
    assert not runs_off_the_side(page)
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        FIGURE_4,
        LUNGE,
        "/exercises/tennis-ball-release/",
        "/exercises/seated-hip-flexor-isometric/",
        "/exercises/strength-imbalance-self-check/",
        "/exercises/my-routine/?e=figure-4-stretch,kneeling-hip-flexor-lunge",
    ],
)
def test_each_demo_exercise_prints_on_one_page(phone_page, demo_content, path):
    phone_page.goto(path)
    pdf = phone_page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_adding_to_the_routine_says_so_and_leads_to_it(phone_page, demo_content):
    phone_page.goto(FIGURE_4)
    phone_page.get_by_role("button", name="Add to my routine").click()

    status = phone_page.locator("[data-routine-status]")
    expect(status).to_have_text("Added to your routine. See my routine (1 exercise)")
    status.get_by_role("link").click()
    phone_page.wait_for_url("**/exercises/my-routine/")

    phone_page.goto("/exercises/tennis-ball-release/")
    expect(phone_page.locator("[data-routine-status]")).to_have_text("See my routine (1 exercise)")


def test_the_routine_link_can_be_copied(browser, live_server, demo_content):
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    page.goto(FIGURE_4)
    page.get_by_role("button", name="Add to my routine").click()
    page.goto("/exercises/my-routine/")
    page.get_by_role("button", name="Copy the link").click()
    expect(page.get_by_role("button", name="Link copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()").endswith(
        "/exercises/my-routine/?e=figure-4-stretch"
    )
    context.close()


def test_guided_mode_speaks_in_clean_sentences(phone_page, demo_content):
    dialog = start_guided(phone_page)
    phone_page.clock.run_for(5000)
    spoken = dialog.locator("[data-guided-announce]").text_content()
    assert spoken.startswith("Step 1. ") and spoken.endswith(".")
    assert ".." not in spoken and "  " not in spoken and ". ." not in spoken


# Records what the page asks the browser to say, in place of its speech engine.
SPEECH_STUB = """
window.spoken = [];
Object.defineProperty(window, "speechSynthesis", {
  configurable: true,
  value: { speak(utterance) { window.spoken.push(utterance.text + " [" + utterance.lang + "]"); }, cancel() { window.spoken.push("(stop)"); } },
});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


def said(page):
    return [line for line in page.evaluate("window.spoken") if line != "(stop)"]


def test_read_aloud_speaks_each_step_and_the_last_seconds_and_is_remembered(phone_page, demo_content):
    phone_page.add_init_script(SPEECH_STUB)
    dialog = start_guided(phone_page)
    switch = dialog.get_by_label("Read steps aloud")
    assert not switch.is_checked() and said(phone_page) == []

    switch.check()
    assert said(phone_page) == [
        "Get into position. Sit toward the front of a sturdy chair with both feet flat on the floor. "
        "Hold 30 seconds. Do 3 on each side, twice a day. 5 seconds. [en]"
    ]
    # What is read aloud is not also sent to screen readers, which have their own voice.
    assert dialog.locator("[data-guided-announce]").text_content() == ""

    phone_page.clock.run_for(5000)
    assert said(phone_page)[1:] == [
        "3 [en]",
        "2 [en]",
        "1 [en]",
        "Step 1. Lift one foot and rest its ankle on the opposite knee. [en]",
    ]
    dialog.get_by_role("button", name="Next").click()
    dialog.get_by_role("button", name="Next").click()
    assert said(phone_page)[-1].startswith("Step 3. Hold the stretch.")
    assert said(phone_page)[-1].endswith("Tip: Keep whichever version feels better. 30 seconds. [en]")

    before = len(phone_page.evaluate("window.spoken"))
    dialog.get_by_role("button", name="Pause").click()
    assert phone_page.evaluate("window.spoken")[before:] == ["(stop)"]  # silent at once
    phone_page.clock.run_for(5000)
    assert phone_page.evaluate("window.spoken")[before:] == ["(stop)"]

    dialog.get_by_role("button", name="Close guided mode").click()
    assert phone_page.evaluate("window.spoken")[-1] == "(stop)"

    phone_page.reload()
    phone_page.get_by_role("button", name="Start guided mode").click()
    assert phone_page.locator("dialog[data-guided]").get_by_label("Read steps aloud").is_checked()
    assert said(phone_page)[0].startswith("Get into position.")


def test_read_aloud_says_when_to_switch_sides(phone_page, demo_content):
    phone_page.add_init_script(SPEECH_STUB)
    dialog = start_guided(phone_page, LUNGE)
    dialog.get_by_label("Read steps aloud").check()
    walk_through(phone_page, dialog)
    spoken = said(phone_page)
    switch = spoken.index("Switch sides. Now the other side. 5 seconds. [en]")
    assert spoken[switch + 1 : switch + 4] == ["3 [en]", "2 [en]", "1 [en]"]
    assert spoken[-1] == "Well done. That's everything. Rest and notice how you feel. [en]"


def test_without_speech_synthesis_there_is_no_switch(phone_page, demo_content):
    phone_page.add_init_script("delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;")
    dialog = start_guided(phone_page)
    assert (
        dialog.get_by_label("Read steps aloud").count() == 0
        or not dialog.get_by_label("Read steps aloud").is_visible()
    )


def test_guided_mode_shows_each_positions_picture_large(phone_page, demo_content):
    exercise = Exercise.objects.get(slug="figure-4-stretch")
    dialog = start_guided(phone_page)
    picture = dialog.locator("img[data-guided-image]")

    assert picture.get_attribute("alt") == exercise.starting_image_alt
    assert picture.evaluate("image => image.decode().then(() => image.naturalWidth)") > 0
    assert picture.bounding_box()["width"] > 300  # as wide as the phone allows

    phone_page.clock.run_for(5000)
    assert picture.get_attribute("alt") == exercise.steps.get(position=1).image_alt
    for _ in range(3):
        dialog.get_by_role("button", name="Next").click()
    assert dialog.locator("[data-guided-progress]").text_content().endswith("Step 4 of 4")
    assert picture.get_attribute("alt") == exercise.steps.get(position=4).image_alt  # back to sitting


def test_staff_upload_a_captioned_clip_that_plays_muted_in_guided_mode(phone_page, demo_content):
    from django.contrib.auth import get_user_model

    from tests.exercises.test_video import CAPTIONS, CLIP

    get_user_model().objects.create_superuser("editor", "editor@example.com", "a-long-test-password")
    exercise = Exercise.objects.get(slug="figure-4-stretch")
    phone_page.set_viewport_size({"width": 1280, "height": 900})
    phone_page.goto(f"/admin/login/?next=/admin/exercises/exercise/{exercise.pk}/change/")
    phone_page.get_by_label("Username").fill("editor")
    phone_page.get_by_label("Password").fill("a-long-test-password")
    phone_page.get_by_role("button", name="Log in").click()

    first_step = "steps-0"
    phone_page.locator(f"input[name='{first_step}-video']").set_input_files(
        {"name": "lift.webm", "mimeType": "video/webm", "buffer": CLIP}
    )
    phone_page.get_by_role("button", name="Save", exact=True).click()
    phone_page.locator(".errornote").wait_for()
    assert (
        "or tick “nothing is said in the video”" in phone_page.locator(".errorlist").all_text_contents()[-1]
    )

    phone_page.locator(f"input[name='{first_step}-video']").set_input_files(
        {"name": "lift.webm", "mimeType": "video/webm", "buffer": CLIP}
    )
    with open(Exercise.objects.get(slug="figure-4-stretch").starting_image.path, "rb") as still:
        phone_page.locator(f"input[name='{first_step}-video_poster']").set_input_files(
            {"name": "still.png", "mimeType": "image/png", "buffer": still.read()}
        )
    phone_page.locator(f"input[name='{first_step}-video_captions']").set_input_files(
        {"name": "lift.vtt", "mimeType": "text/vtt", "buffer": CAPTIONS}
    )
    phone_page.get_by_role("button", name="Save", exact=True).click()
    phone_page.get_by_text("was changed successfully").wait_for()

    phone_page.set_viewport_size(PHONE)
    phone_page.goto(FIGURE_4)
    page_video = phone_page.locator("#step-1 video")
    assert page_video.get_attribute("preload") == "none" and page_video.get_attribute("autoplay") is None
    assert page_video.locator("track[kind=captions]").count() == 1

    dialog = start_guided(phone_page)
    phone_page.clock.run_for(5000)
    clip = dialog.locator("video[data-guided-video]")
    assert clip.is_visible() and dialog.locator("img[data-guided-image]").is_hidden()
    state = clip.evaluate("video => video.play().then(() => [video.muted, video.loop, video.paused])")
    assert state == [True, True, False]
    dialog.get_by_role("button", name="Next").click()
    assert clip.is_hidden() and clip.evaluate("video => video.paused")


def in_view(locator):
    box = locator.bounding_box()
    return box and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def test_read_aloud_switch_is_on_the_first_screen(phone_page, demo_content):
    phone_page.add_init_script(SPEECH_STUB)
    dialog = start_guided(phone_page, LUNGE)
    switch = dialog.get_by_label("Read steps aloud")
    assert in_view(switch)
    phone_page.clock.run_for(5000)  # the first step, with its picture and longer text
    assert dialog.get_attribute("data-screen") == "step"
    assert in_view(switch)
    dialog.get_by_role("button", name="Next").click()  # the hold, with the longest words and a tip
    assert in_view(switch)
    assert dialog.evaluate("dialog => dialog.scrollTop") == 0


@pytest.mark.parametrize("path", [FIGURE_4, LUNGE, "/exercises/tennis-ball-release/"])
def test_a_hold_keeps_the_position_in_view_until_it_ends(phone_page, demo_content, path):
    dialog = start_guided(phone_page, path)
    picture = dialog.locator("img[data-guided-image]")
    phone_page.clock.run_for(5000)
    while not timer(dialog):
        dialog.get_by_role("button", name="Next").click()
    assert dialog.get_attribute("data-screen") == "step"
    held = picture.get_attribute("alt")
    assert held and picture.is_visible()
    for _ in range(3):
        assert picture.get_attribute("alt") == held
        assert in_view(picture) and in_view(dialog.locator("[data-guided-timer]"))
        phone_page.clock.run_for(int(timer(dialog)) // 3 * 1000)


ROUTINE = ["figure-4-stretch", "clamshell", "childs-pose"]


def test_my_routine_is_one_compact_card_per_exercise_from_the_top(phone_page, demo_content):
    phone_page.clock.install()
    phone_page.add_init_script(f"localStorage.setItem('hipcare.routine', '{json.dumps(ROUTINE)}')")
    phone_page.goto("/exercises/my-routine/")
    cards = phone_page.locator("[data-routine-list] > li")
    expect(cards).to_have_count(3)

    assert phone_page.evaluate("window.scrollY") == 0
    assert in_view(phone_page.get_by_role("button", name="Start the whole routine"))
    for card, slug in zip(cards.all(), ROUTINE, strict=True):
        exercise = Exercise.objects.get(slug=slug)
        thumbnail = card.locator("img")
        assert thumbnail.evaluate("image => image.decode().then(() => image.naturalWidth)") > 0
        assert card.locator(".routine__dosage").text_content() == exercise.dosage_text
        assert card.get_by_role("button", name="Start guided mode").count() == 1
        assert not card.locator(".routine__steps").is_visible()
        assert card.bounding_box()["height"] < 240
    assert phone_page.get_by_role("button", name="Start guided mode").count() == len(ROUTINE)
    assert in_view(cards.nth(1))  # two cards and more on the first screen

    cards.nth(1).get_by_role("button", name="Start guided mode").click()
    dialog = phone_page.locator("dialog[data-guided]")
    assert dialog.locator("[data-guided-exercise]").text_content() == "Clamshell"
    seen = walk_through(phone_page, dialog)
    assert [screen for screen, _, _ in seen].count("ready") == 1  # that exercise alone
    assert phone_page.console_errors == []


def test_a_shared_routine_shows_the_same_cards_without_javascript(browser, live_server, demo_content):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto(f"/exercises/my-routine/?e={','.join(ROUTINE)}")
    cards = page.locator(".routine__list > li")
    assert cards.count() == 3
    for card, slug in zip(cards.all(), ROUTINE, strict=True):
        exercise = Exercise.objects.get(slug=slug)
        assert (
            card.get_by_role("link", name=exercise.name).get_attribute("href") == exercise.get_absolute_url()
        )
        assert card.locator("img").evaluate("image => image.complete && image.naturalWidth") > 0
        assert card.locator(".routine__dosage").text_content() == exercise.dosage_text
        assert not card.locator(".routine__steps").is_visible()
        assert card.bounding_box()["height"] < 200
    assert not page.locator("[data-guided-one]").first.is_visible()  # guided mode needs JavaScript
    assert not runs_off_the_side(page)
    context.close()

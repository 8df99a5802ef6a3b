import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import runs_off_the_side

pytestmark = pytest.mark.browser
DEMO_ARTICLE = "/articles/is-a-tight-pelvic-floor-causing-your-hip-pain/"


def test_demo_article_reads_well_on_a_phone(phone_page, demo_content):
    phone_page.goto(DEMO_ARTICLE)

    assert not runs_off_the_side(phone_page)
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


# Stands in for the browser's speech engine: records each request, and lets the test say when a
# passage has finished being spoken.
SPEECH_STUB = """
window.spoken = [];
Object.defineProperty(window, "speechSynthesis", {
  configurable: true,
  value: {
    speak(utterance) {
      window.current = utterance;
      window.spoken.push([utterance.text, utterance.rate, utterance.lang]);
      if (utterance.onstart) utterance.onstart();
    },
    cancel() { window.spoken.push("(stop)"); },
    pause() { window.spoken.push("(pause)"); },
    resume() { window.spoken.push("(resume)"); },
  },
});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


def finish_passage(page):
    page.evaluate("window.current.onend()")


def passages(page):
    return [entry[0] for entry in page.evaluate("window.spoken") if isinstance(entry, list)]


def test_listen_reads_the_article_in_order_without_navigation_or_cards(phone_page, demo_content):
    phone_page.add_init_script(SPEECH_STUB)
    phone_page.goto(DEMO_ARTICLE)
    listen = phone_page.get_by_role("group", name="Listen to this article")
    listen.get_by_role("button", name="Listen").click()

    for _ in range(300):
        if listen.get_by_role("button", name="Listen").count():
            break  # read to the end
        finish_passage(phone_page)
    read = passages(phone_page)

    assert read[0] == "Is a tight pelvic floor causing your hip pain?"
    assert read[1].startswith("Deep hip tightness that stretching never fixes")
    assert read.index("Key takeaways") < read.index("When to get help") < len(read) - 1
    assert "On this page" not in read  # the outline
    assert "Not sure where to start?" not in read  # the booking invitation
    assert "Get new articles by email" not in read
    assert not any(text.startswith("Written by") for text in read)
    assert read.count(read[0]) == 1 and read.count("Key takeaways") == 1  # nothing read twice
    # The health text ends with the help box: the author's bio, references and disclaimer are not read.
    help_box = phone_page.locator(".callout--urgent li, .callout--urgent p").all_text_contents()
    assert " ".join(help_box[-1].split()) == read[-1]
    assert not any(text.startswith(("Education, not diagnosis", "References")) for text in read)
    bio = phone_page.locator(".author__bio").text_content()
    assert not any(text in bio for text in read)


def test_listen_pauses_resumes_changes_speed_and_stops(phone_page, demo_content):
    phone_page.add_init_script(SPEECH_STUB)
    phone_page.goto(DEMO_ARTICLE)
    listen = phone_page.get_by_role("group", name="Listen to this article")
    listen.get_by_role("button", name="Listen").click()
    finish_passage(phone_page)

    listen.get_by_role("button", name="Pause").click()
    assert phone_page.evaluate("window.spoken")[-1] == "(pause)"
    listen.get_by_role("button", name="Resume").click()
    assert phone_page.evaluate("window.spoken")[-1] == "(resume)"

    listen.get_by_label("Speed").select_option("Faster")
    second = passages(phone_page)[1]
    assert phone_page.evaluate("window.spoken")[-2:] == ["(stop)", [second, 1.25, "en"]]
    finish_passage(phone_page)
    assert phone_page.evaluate("window.spoken")[-1][1] == 1.25

    listen.get_by_role("button", name="Stop").click()
    assert phone_page.evaluate("window.spoken")[-1] == "(stop)"
    assert listen.get_by_role("button", name="Listen").is_visible()
    assert listen.get_by_role("button", name="Stop").is_disabled()
    assert phone_page.console_errors == []


def test_listen_is_absent_where_the_browser_cannot_speak(phone_page, demo_content):
    phone_page.add_init_script("delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;")
    phone_page.goto(DEMO_ARTICLE)
    assert not phone_page.get_by_role("group", name="Listen to this article").is_visible()


# Stands in for a browser whose voice fails: each test says how, in `window.failWith`.
FAILING_SPEECH = """
window.spoken = [];
Object.defineProperty(window, "speechSynthesis", {
  configurable: true,
  value: {
    speaking: false,
    pending: false,
    speak(utterance) {
      window.spoken.push(utterance.text);
      if (window.failWith) setTimeout(() => utterance.onerror({ error: window.failWith }), 50);
    },
    cancel() {},
    pause() {},
    resume() {},
  },
});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


@pytest.mark.parametrize(
    "failure, message",
    [
        ("synthesis-failed", "Your browser's voice stopped with an error."),
        ("not-allowed", "Your browser did not allow reading aloud."),
        ("interrupted", "Reading aloud was stopped by your device."),
        (None, "Your browser has no voice to read with."),  # never starts: no voice installed
    ],
)
def test_listen_says_when_the_voice_fails_and_resets(phone_page, demo_content, failure, message):
    phone_page.add_init_script(FAILING_SPEECH)
    phone_page.add_init_script(f"window.failWith = {json.dumps(failure)};")
    phone_page.goto(DEMO_ARTICLE)
    listen = phone_page.get_by_role("group", name="Listen to this article")
    listen.get_by_role("button", name="Listen").click()

    status = listen.get_by_role("status")
    expect(status).to_contain_text(message)
    expect(status).to_be_in_viewport()
    expect(listen.get_by_role("button", name="Listen")).to_be_visible()
    assert listen.get_by_role("button", name="Stop").is_disabled()
    assert phone_page.evaluate("window.spoken.length") == 1  # nothing more queued after the failure

    phone_page.evaluate("window.failWith = null; window.speechSynthesis.speaking = true;")
    listen.get_by_role("button", name="Listen").click()  # trying again clears the message
    expect(phone_page.locator("[data-listen-status]")).to_have_text("")
    expect(listen.get_by_role("button", name="Pause")).to_be_visible()

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


# Stands in for the browser's speech engine: records each request, and lets the test say when a
# passage has finished being spoken.
SPEECH_STUB = """
window.spoken = [];
Object.defineProperty(window, "speechSynthesis", {
  configurable: true,
  value: {
    speak(utterance) { window.current = utterance; window.spoken.push([utterance.text, utterance.rate, utterance.lang]); },
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

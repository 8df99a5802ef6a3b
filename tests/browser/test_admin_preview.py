import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.browser
# The text colour of an element and the first background colour behind it that is not transparent.
BUTTON_COLOURS = """element => {
  let behind = element;
  while (behind && getComputedStyle(behind).backgroundColor === "rgba(0, 0, 0, 0)") behind = behind.parentElement;
  return [getComputedStyle(element).color, behind ? getComputedStyle(behind).backgroundColor : "rgb(255, 255, 255)"];
}"""


def contrast(first, second):
    def luminance(colour):
        red, green, blue = (int(part) / 255 for part in colour[colour.index("(") + 1 : -1].split(",")[:3])
        linear = [
            part / 12.92 if part <= 0.03928 else ((part + 0.055) / 1.055) ** 2.4
            for part in (red, green, blue)
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_editor_preview_shows_staff_what_patients_will_see(phone_page, demo_content):
    get_user_model().objects.create_superuser("editor", "editor@example.com", "a-long-test-password")
    phone_page.set_viewport_size({"width": 1280, "height": 900})
    phone_page.goto("/admin/login/?next=/admin/articles/article/add/")
    phone_page.get_by_label("Username").fill("editor")
    phone_page.get_by_label("Password").fill("a-long-test-password")
    phone_page.get_by_role("button", name="Log in").click()

    phone_page.locator("textarea[name=body]").fill(
        "## Why hips ache\n\n**Tight** muscles. <script>window.hacked = true</script>\n\n[[exercise:figure-4-stretch]]"
        "\n\n[[booking]]"
    )

    preview = phone_page.locator(".markdownx-preview")
    preview.locator("h2#section-why-hips-ache").wait_for()
    assert preview.locator("strong").text_content() == "Tight"
    assert "<script>window.hacked = true</script>" in preview.text_content()
    assert preview.locator(".embed-card").count() == 1
    # The booking button's text can be read: WCAG AA contrast against what is behind it.
    text, background = preview.locator(".cta a.button").evaluate(BUTTON_COLOURS)
    assert contrast(text, background) >= 4.5, (text, background)
    assert phone_page.evaluate("window.hacked") is None
    assert phone_page.console_errors == []

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.browser


def test_editor_preview_shows_staff_what_patients_will_see(phone_page, demo_content):
    get_user_model().objects.create_superuser("editor", "editor@example.com", "a-long-test-password")
    phone_page.set_viewport_size({"width": 1280, "height": 900})
    phone_page.goto("/admin/login/?next=/admin/articles/article/add/")
    phone_page.get_by_label("Username").fill("editor")
    phone_page.get_by_label("Password").fill("a-long-test-password")
    phone_page.get_by_role("button", name="Log in").click()

    phone_page.locator("textarea[name=body]").fill(
        "## Why hips ache\n\n**Tight** muscles. <script>window.hacked = true</script>\n\n[[exercise:figure-4-stretch]]"
    )

    preview = phone_page.locator(".markdownx-preview")
    preview.locator("h2#section-why-hips-ache").wait_for()
    assert preview.locator("strong").text_content() == "Tight"
    assert "<script>window.hacked = true</script>" in preview.text_content()
    assert preview.locator(".embed-card").count() == 1
    assert phone_page.evaluate("window.hacked") is None
    assert phone_page.console_errors == []

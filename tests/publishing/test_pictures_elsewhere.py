"""Markdown may show pictures kept on the site only: one kept on another site is blocked by the
site's own Content-Security-Policy, so patients would see it broken. Every markdown field (each
editable field the site renders to HTML beside it, `<name>_html`) refuses one at save."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from clinic.models import Page
from publishing.markdown import markdown_fields

pytestmark = pytest.mark.django_db

ELSEWHERE = "https://uploads-ssl.webflow.com/5f1/hip-pain.jpg"


MARKDOWN_FIELDS = list(markdown_fields())


def test_every_kind_of_markdown_is_walked():
    assert {f"{model._meta.model_name}.{name}" for model, name in MARKDOWN_FIELDS} >= {
        "article.body",
        "article.when_to_get_help",
        "step.instruction",
        "quiz.introduction",
        "quiz.urgent_guidance",
        "outcome.explanation",
        "outcome.when_to_get_help",
        "clinicprofile.privacy_before",
        "page.body",
    }


def refusal(model, name, text):
    row = model()
    setattr(row, name, text)
    others = [field.name for field in model._meta.fields if field.name != name]
    try:
        row.clean_fields(exclude=others)
    except ValidationError as error:
        return " ".join(error.message_dict.get(name, []))
    return ""


@pytest.mark.parametrize(
    ("model", "name"), MARKDOWN_FIELDS, ids=lambda value: getattr(value, "__name__", value)
)
def test_a_picture_from_another_site_is_refused_naming_its_address(model, name):
    message = refusal(model, name, f"Sit tall.\n\n![A hip]({ELSEWHERE})\n\nBreathe.")
    assert ELSEWHERE in message and "on another site" in message
    assert "//cdn.example.com/x.png" in refusal(model, name, "![ref][pic]\n\n[pic]: //cdn.example.com/x.png")


@pytest.mark.parametrize(
    ("model", "name"), MARKDOWN_FIELDS, ids=lambda value: getattr(value, "__name__", value)
)
@override_settings(SITE_URL="https://clinic.example", MEDIA_ORIGIN="https://media.clinic.example")
def test_pictures_on_the_site_and_links_to_other_sites_are_kept(model, name):
    text = (
        "![Upload](/media/editor/hip.jpg) ![Absolute](https://clinic.example/media/hip.jpg) "
        "![Stored](https://media.clinic.example/media/hip.jpg) [A guideline](https://www.nice.org.uk/)"
    )
    assert refusal(model, name, text) == ""


def test_the_editor_says_why_and_keeps_the_text(admin_client):
    page = Page.objects.create(title="About us", slug="about-us", summary="Who we are.", body="Hello.")
    response = admin_client.post(
        reverse("admin:clinic_page_change", args=[page.pk]),
        {
            "title": "About us",
            "slug": "about-us",
            "summary": "Who we are.",
            "body": f"Our room:\n\n![The room]({ELSEWHERE})",
            "status": "draft",
            "navigation_order": 0,
            "_save": "Save",
        },
    )
    assert response.status_code == 200
    assert f"“{ELSEWHERE}” is on another site" in response.content.decode()
    page.refresh_from_db()
    assert page.body == "Hello."

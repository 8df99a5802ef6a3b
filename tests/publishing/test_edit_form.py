"""The edit form of every page that can be published: one set of buttons, and an exercise form
that folds what most steps do not use."""

import re

import pytest
from django.urls import reverse

from publishing.models import publishable_models
from tests.publishing.test_review_gate import MAKERS, FormFields

pytestmark = pytest.mark.django_db

BUTTONS = ["_save", "_save_draft", "_publish_now", "_request_review"]
MAKER_OF = {"article": "article", "exercise": "exercise", "quiz": "self-check", "page": "health page"}


def form_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parser = FormFields()
    parser.feed(response.content.decode())
    return response.content.decode(), parser


@pytest.mark.parametrize("model", publishable_models(), ids=lambda model: model._meta.model_name)
def test_every_publishable_form_has_one_set_of_buttons(reviewing_admin_client, staff_client, model):
    opts = model._meta
    page = MAKERS[MAKER_OF[opts.model_name]]()
    urls = [
        reverse(f"admin:{opts.app_label}_{opts.model_name}_add"),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[page.pk]),
    ]
    for url in urls:
        assert form_of(reviewing_admin_client, url)[1].buttons == [*BUTTONS, "_sign_off_and_publish"], url
        # An editor, who may not sign off, is not offered that button.
        assert form_of(staff_client, url)[1].buttons == BUTTONS, url


def test_a_new_exercise_starts_with_one_empty_step_and_folds_the_video_fields(admin_client):
    html, form = form_of(admin_client, reverse("admin:exercises_exercise_add"))
    assert form.data["steps-TOTAL_FORMS"] == "1"
    assert "steps-0-instruction" in form.data
    # Each fold is a <details> element, so it opens without JavaScript.
    folds = re.findall(r"<details>\s*<summary>.*?</summary>(.*?)</details>", html, re.S)
    folded = " ".join(folds)
    for field in ["video", "video_poster", "video_captions", "video_without_speech"]:
        assert f'name="steps-0-{field}"' in folded and f'name="{field}"' in folded
    for field in ["instruction", "image", "hold_seconds"]:
        assert f'name="steps-0-{field}"' not in folded


def test_an_existing_exercise_adds_no_empty_step(admin_client):
    exercise = MAKERS["exercise"]()
    assert exercise.steps.exists()
    _, form = form_of(admin_client, reverse("admin:exercises_exercise_change", args=[exercise.pk]))
    assert form.data["steps-TOTAL_FORMS"] == str(exercise.steps.count())

"""Only those allowed to sign off can make a page say it was reviewed; every way of publishing
runs the same checks; each staff tool is open to the roles whose work needs it."""

import datetime

import pytest
from django.urls import reverse

from articles.models import Article
from exercises.models import Exercise
from quizzes.models import Quiz
from tests.articles.test_admin import article_form
from tests.exercises.test_admin import exercise_form
from tests.factories import ArticleFactory, ClinicianFactory, ExerciseFactory, QuizFactory, StaffFactory
from tests.quizzes.test_admin import quiz_form

pytestmark = pytest.mark.django_db
FORGED_REVIEW = {"reviewed_on": "2026-01-05", "next_review_on": "2027-01-05"}


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def forms_with_a_forged_review():
    """The change form of each kind of health page, posted with a reviewer and review date."""
    article = ArticleFactory(slug="hip-pain-and-the-pelvic-floor")
    exercise = ExerciseFactory(slug="wall-sit")
    quiz = QuizFactory()
    reviewer = ClinicianFactory(name="Dr. Forged")
    forged = {**FORGED_REVIEW, "reviewed_by": reviewer.pk}
    return [
        (article, article_form(author=article.author_id, **forged)),
        (exercise, exercise_form([], author=exercise.author_id, **forged)),
        (quiz, quiz_form(quiz, status="draft", **forged)),
    ]


def test_an_editor_cannot_fake_a_clinical_sign_off(client_in, client):
    editor = client_in("Content editor")
    for page, data in forms_with_a_forged_review():
        response = editor.post(change_url(page), data)
        assert response.status_code == 302, page
        page.refresh_from_db()
        assert (page.reviewed_by, page.reviewed_on) == (None, None), page
    article = Article.objects.get()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Clinically reviewed by" not in html and "reviewedBy" not in html
    assert '<meta name="robots" content="noindex">' in html


def test_an_editor_sees_the_review_but_cannot_edit_it(client_in):
    editor = client_in("Content editor")
    article = ArticleFactory(
        reviewed_by=ClinicianFactory(name="Dr. Real"), reviewed_on=datetime.date(2026, 3, 1)
    )
    html = editor.get(change_url(article)).content.decode()
    assert 'name="reviewed_on"' not in html and 'name="reviewed_by"' not in html
    assert "Dr. Real" in html


def test_a_reviewer_may_set_the_review_in_the_form(client_in):
    reviewer = client_in("Clinical reviewer")
    for page, data in forms_with_a_forged_review():
        reviewer.post(change_url(page), data)
        page.refresh_from_db()
        assert page.reviewed_on == datetime.date(2026, 1, 5), page


def test_bulk_publish_runs_the_checks_the_form_runs(client_in, client):
    editor = client_in("Content editor")
    empty = QuizFactory(status="draft", title="No questions yet")
    ready = ArticleFactory(status="draft")
    ready.sign_off(ClinicianFactory())
    changelist = reverse("admin:quizzes_quiz_changelist")

    response = editor.post(changelist, {"action": "publish", "_selected_action": [empty.pk]}, follow=True)

    empty.refresh_from_db()
    assert empty.status == Quiz.Status.DRAFT
    assert "“No questions yet” stays a draft" in response.content.decode()
    assert client.get(empty.get_absolute_url()).status_code == 404
    # No invitation anywhere leads to it.
    assert empty.get_absolute_url() not in client.get("/").content.decode()

    editor.post(
        reverse("admin:articles_article_changelist"), {"action": "publish", "_selected_action": [ready.pk]}
    )
    assert client.get(ready.get_absolute_url()).status_code == 200


def test_bulk_publish_refuses_a_page_the_form_would_refuse(client_in):
    editor = client_in("Content editor")
    own_variant = ExerciseFactory(status="draft", name="Loop")
    Exercise.objects.filter(pk=own_variant.pk).update(easier_variant=own_variant)

    response = editor.post(
        reverse("admin:exercises_exercise_changelist"),
        {"action": "publish", "_selected_action": [own_variant.pk]},
        follow=True,
    )

    own_variant.refresh_from_db()
    assert own_variant.status == Exercise.Status.DRAFT
    assert "An exercise cannot be its own variant." in response.content.decode()


def staff_in(client_in, role):
    if role == "no group":
        from django.test import Client

        client = Client()
        client.force_login(StaffFactory())
        return client
    return client_in(role)


EDITOR_TOOLS = [
    ("post", "/markdownx/markdownify/", {"content": "**Hello**"}),
    ("post", "/markdownx/upload/", {}),
    ("post", "/staff/plain-language/", {"text": "A short text."}),
    ("get", "/staff/phone-preview/?path=/", {}),
]


@pytest.mark.parametrize("role", ["Front desk", "no group"])
@pytest.mark.parametrize(("method", "path", "data"), EDITOR_TOOLS, ids=[tool[1] for tool in EDITOR_TOOLS])
def test_the_editors_tools_are_refused_to_staff_who_write_nothing(client_in, role, method, path, data):
    response = getattr(staff_in(client_in, role), method)(path, data)
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["Content editor", "Clinical reviewer"])
@pytest.mark.parametrize(("method", "path", "data"), EDITOR_TOOLS, ids=[tool[1] for tool in EDITOR_TOOLS])
def test_the_editors_tools_are_open_to_those_who_write(client_in, role, method, path, data):
    response = getattr(client_in(role), method)(path, data)
    assert response.status_code != 403


def test_an_upload_without_a_file_or_by_get_is_answered_plainly(staff_client):
    refused = staff_client.post("/markdownx/upload/")
    assert refused.status_code == 400 and "image" in refused.json()
    assert staff_client.get("/markdownx/upload/").status_code == 405


def drafts():
    return [ArticleFactory(status="draft"), ExerciseFactory(status="draft"), QuizFactory(status="draft")]


@pytest.mark.parametrize("role", ["Front desk", "no group"])
def test_drafts_stay_hidden_from_staff_who_do_not_edit_them(client_in, role):
    client = staff_in(client_in, role)
    assert [client.get(page.get_absolute_url()).status_code for page in drafts()] == [404, 404, 404]


def test_editors_may_preview_drafts(client_in):
    client = client_in("Content editor")
    assert [client.get(page.get_absolute_url()).status_code for page in drafts()] == [200, 200, 200]

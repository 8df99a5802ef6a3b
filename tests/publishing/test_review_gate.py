"""Health pages go live only with a clinician's sign-off of their text as it stands. Each test walks
every door of its kind (each submit button of the change form, each admin action, the history
page's revert, scheduling, the import's --restore and the shell) for each publishable model and
each staff role, so a new button, action or model is held to the rule without a test of its own."""

import datetime
import itertools
import zipfile
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import models
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from articles.models import Article
from clinic.models import Page
from publishing.models import NotPublishable
from quizzes.models import Quiz
from tests.factories import (
    ArticleFactory,
    ClinicianFactory,
    ExerciseFactory,
    QuizFactory,
    StaffFactory,
    StepFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["Content editor", "Clinical reviewer", "superuser"]


PAGE_NUMBERS = itertools.count()


def health_page(status="draft"):
    number = next(PAGE_NUMBERS)
    page = Page.objects.create(
        title=f"Conditions we treat {number}",
        slug=f"conditions-{number}",
        summary="What we help with.",
        body="Hip pain, pelvic pain.",
        is_health_content=True,
        author=ClinicianFactory(),
    )
    models.QuerySet(Page).filter(pk=page.pk).update(status=status)
    page.status = status
    return page


def complete_quiz(status="draft"):
    quiz = QuizFactory(status=status)
    question = quiz.questions.create(position=1, text="Does it hurt?", kind="yes-no")
    question.answers.create(position=1, text="Yes", score=1)
    question.answers.create(position=2, text="No", score=0)
    quiz.outcomes.create(title="Fine", min_score=0, max_score=1, explanation="All good.")
    quiz.refresh_content_hash()
    return quiz


def exercise_with_a_step(status="draft"):
    exercise = ExerciseFactory(status=status)
    StepFactory(exercise=exercise, position=1)
    exercise.refresh_content_hash()
    return exercise


# Every publishable model, each as a draft that nothing but a missing sign-off keeps off the site.
MAKERS = {
    "article": lambda status="draft": ArticleFactory(status=status),
    "exercise": exercise_with_a_step,
    "self-check": complete_quiz,
    "health page": health_page,
}


def test_every_publishable_model_is_walked():
    from publishing.models import publishable_models

    assert {model._meta.model_name for model in publishable_models()} == {
        "article",
        "exercise",
        "quiz",
        "page",
    }


@pytest.fixture
def signed_in(db):
    call_command("setup_roles", verbosity=0)

    def make(role):
        if role == "superuser":
            user = StaffFactory(is_superuser=True)
        else:
            user = StaffFactory()
            user.groups.add(Group.objects.get(name=role))
        ClinicianFactory(user=user)  # a sign-off may carry this person's name
        client = Client()
        client.force_login(user)
        client.user = user
        return client

    return make


class FormFields(HTMLParser):
    """What a browser would send for the change form: every field as the page shows it."""

    def __init__(self):
        super().__init__()
        self.data, self.buttons, self._textarea, self._select = {}, [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and "__prefix__" not in name:
            kind = attrs.get("type", "text")
            if kind == "submit":
                self.buttons.append(name)
            elif kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.setdefault(name, []).append(attrs.get("value", "on"))
            elif kind != "file":
                self.data[name] = attrs.get("value", "")
        elif tag == "textarea" and name and "__prefix__" not in name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name and "__prefix__" not in name:
            self._select = name
            self.data[name] = [] if "multiple" in attrs else ""
        elif tag == "option" and self._select and "selected" in attrs:
            value = attrs.get("value", "")
            if isinstance(self.data[self._select], list):
                self.data[self._select].append(value)
            else:
                self.data[self._select] = value

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def change_form(client, url):
    parser = FormFields()
    parser.feed(client.get(url).content.decode())
    parser.data.pop("csrfmiddlewaretoken", None)
    return parser.data, parser.buttons


def change_url(page):
    return reverse(f"admin:{page._meta.app_label}_{page._meta.model_name}_change", args=[page.pk])


def changelist_url(page):
    return reverse(f"admin:{page._meta.app_label}_{page._meta.model_name}_changelist")


def as_published(data, when=None):
    when = timezone.localtime(when or timezone.now())
    return {
        **data,
        "status": "published",
        "published_at_0": f"{when:%Y-%m-%d}",
        "published_at_1": f"{when:%H:%M:%S}",
    }


def is_public(page):
    page.refresh_from_db()
    return page.is_public


def signs_off_and_publishes(door, role):
    return door in ("_sign_off_and_publish", "sign_off_and_publish") and role != "Content editor"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", MAKERS)
def test_no_button_of_the_change_form_makes_an_unreviewed_page_live(signed_in, client, role, kind):
    staff = signed_in(role)
    _, buttons = change_form(staff, change_url(MAKERS[kind]()))
    assert {"_save", "_publish_now", "_save_draft", "_request_review"} <= set(buttons)
    for button in buttons:
        page = MAKERS[kind]()
        data, _ = change_form(staff, change_url(page))
        response = staff.post(change_url(page), {**as_published(data), button: "x"}, follow=True)
        assert response.status_code == 200, (button, response.status_code)
        if signs_off_and_publishes(button, role):
            assert is_public(page) and page.is_signed_off_as_is, button
            assert client.get(page.get_absolute_url()).status_code == 200
        else:
            assert not is_public(page), button
            assert client.get(page.get_absolute_url()).status_code == 404
            if button not in ("_save_draft", "_request_review"):
                assert "not signed off its text as it stands" in response.content.decode(), button
        page.delete()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", MAKERS)
def test_no_admin_action_makes_an_unreviewed_page_live(signed_in, role, kind):
    staff = signed_in(role)
    page = MAKERS[kind]()
    model_admin = admin.site._registry[type(page)]
    request = RequestFactory().get("/")
    request.user = staff.user
    actions = set(model_admin.get_actions(request)) - {"delete_selected"}
    assert "publish" in actions
    for action in actions:
        page = MAKERS[kind]()
        response = staff.post(
            changelist_url(page), {"action": action, "_selected_action": [page.pk]}, follow=True
        )
        assert response.status_code == 200, action
        if signs_off_and_publishes(action, role):
            assert is_public(page) and page.is_signed_off_as_is, action
        else:
            assert not is_public(page), action
        page.delete()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", MAKERS)
def test_the_history_pages_revert_makes_no_unreviewed_page_live(signed_in, role, kind):
    staff = signed_in(role)
    page = MAKERS[kind]()
    page.save()  # a second revision to go back to
    _, buttons = change_form(staff, change_url(page))
    record = page.history.earliest()
    revert = reverse(
        f"admin:{page._meta.app_label}_{page._meta.model_name}_simple_history",
        args=[page.pk, record.history_id],
    )
    data, _ = change_form(staff, revert)
    for button in [None, *buttons]:
        extra = {button: "x"} if button else {}
        response = staff.post(revert, {**as_published(data), **extra}, follow=True)
        assert response.status_code == 200, button
        if signs_off_and_publishes(button, role):
            # The reviewer vouched for the text as reverted; take it down for the next button.
            assert is_public(page) and page.is_signed_off_as_is
            page.status = page.Status.DRAFT
            page.reviewed_content_hash = ""
            page.save()
        else:
            assert not is_public(page), button


def test_a_self_check_without_questions_stays_off_through_revert_and_publish_now(signed_in):
    """The finding that opened this: the history page's revert skipped the form's checks."""
    reviewer = signed_in("Clinical reviewer")
    quiz = QuizFactory(status="draft")
    quiz.sign_off(reviewer.user.clinician)
    quiz.save()
    revert = reverse("admin:quizzes_quiz_simple_history", args=[quiz.pk, quiz.history.earliest().history_id])
    data, _ = change_form(reviewer, revert)
    response = reviewer.post(revert, {**as_published(data), "_publish_now": "x"}, follow=True)
    assert not is_public(quiz)
    assert "The self-check has no questions yet." in response.content.decode()


@pytest.mark.parametrize("kind", MAKERS)
def test_the_shell_cannot_save_an_unreviewed_page_as_live(kind):
    page = MAKERS[kind]()
    page.status = page.Status.PUBLISHED
    with pytest.raises(NotPublishable):
        page.save()
    assert "not signed off" in " ".join(page.publish())
    assert not is_public(page)

    page.sign_off(ClinicianFactory())
    assert page.publish() == [] and is_public(page)


def test_creating_a_live_unreviewed_page_is_refused():
    for model, fields in (
        (Article, {"title": "A", "slug": "a", "summary": "S", "body": "B", "author": ClinicianFactory()}),
        (
            Quiz,
            {
                "title": "Q",
                "slug": "q",
                "summary": "S",
                "introduction": "I",
                "urgent_guidance": "U",
                "author": ClinicianFactory(),
            },
        ),
    ):
        with pytest.raises(NotPublishable):
            model.objects.create(status="published", **fields)
        assert not model.objects.exists()


def test_the_clinics_own_pages_need_no_sign_off(admin_client, client):
    page = Page.objects.create(title="Fees", slug="fees", summary="What it costs.", body="Free first call.")
    assert page.publish() == []
    assert client.get("/fees/").status_code == 200


@pytest.mark.parametrize("kind", MAKERS)
def test_a_scheduled_page_whose_text_changes_does_not_go_live_unreviewed(signed_in, advance_clock, kind):
    editor = signed_in("Content editor")
    page = MAKERS[kind]()
    page.sign_off(ClinicianFactory())
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert page.publish(at=tomorrow) == []

    data, _ = change_form(editor, change_url(page))
    text_field = {
        "article": "body",
        "exercise": "purpose",
        "self-check": "introduction",
        "health page": "body",
    }[kind]
    data[text_field] += "\n\nA new line of advice."
    response = editor.post(change_url(page), data, follow=True)

    assert "Saved as a draft, not published" in response.content.decode()
    advance_clock(datetime.timedelta(days=2))
    assert not is_public(page)


def test_restore_brings_an_unreviewed_page_back_as_a_draft(tmp_path):
    unreviewed = ArticleFactory(title="Unreviewed", slug="unreviewed")
    reviewed = ArticleFactory(title="Reviewed", slug="reviewed")
    reviewed.sign_off(ClinicianFactory())
    call_command("export_content", str(tmp_path / "library.zip"), stdout=StringIO())
    assert zipfile.is_zipfile(tmp_path / "library.zip")
    Article.objects.all().delete()

    out = StringIO()
    call_command("import_content", str(tmp_path / "library.zip"), "--restore", stdout=out)

    assert "stays a draft" in out.getvalue()
    assert not Article.objects.get(slug=unreviewed.slug).is_public
    assert Article.objects.get(slug=reviewed.slug).is_public


def test_an_edit_to_a_live_page_keeps_it_live_says_so_and_asks_for_review(signed_in, client):
    editor, reviewer = signed_in("Content editor"), signed_in("Clinical reviewer")
    article = ArticleFactory(status="draft", title="Hip pain")
    article.sign_off(ClinicianFactory(name="Dr. Careful"), on=datetime.date(2026, 1, 5))
    assert article.publish() == []
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Clinically reviewed by" in page and "Updated" not in page

    data, _ = change_form(editor, change_url(article))
    editor.post(change_url(article), {**data, "body": data["body"] + "\n\nNew advice."})

    assert is_public(article)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Clinically reviewed by" not in page
    assert "Last clinically reviewed, before that update, by" in page and "January 5, 2026" in page
    assert format_date(timezone.localdate(), "F j, Y") in page.split("Updated")[1]
    home = reviewer.get(reverse("admin:index")).content.decode()
    assert "Hip pain</a>: live, changed since Dr. Careful" in home


def test_send_for_review_then_sign_off_and_publish_in_one_step(signed_in, client):
    editor, reviewer = signed_in("Content editor"), signed_in("Clinical reviewer")
    exercise = exercise_with_a_step()
    reviewer_home = reverse("admin:index")
    assert "Waiting for your review" not in reviewer.get(reviewer_home).content.decode()

    data, _ = change_form(editor, change_url(exercise))
    response = editor.post(change_url(exercise), {**data, "_request_review": "x"}, follow=True)
    assert "Sent for review" in response.content.decode()
    assert (
        "Waiting for your review" not in editor.get(reviewer_home).content.decode()
    )  # editors cannot sign off
    home = reviewer.get(reviewer_home).content.decode()
    assert f"{exercise}</a>: sent by" in home and "<strong>1</strong> exercises waiting for review" in home
    assert f"{exercise}</a>: waiting for review since" in editor.get(reviewer_home).content.decode()

    reviewer.post(
        changelist_url(exercise), {"action": "sign_off_and_publish", "_selected_action": [exercise.pk]}
    )

    assert is_public(exercise) and client.get(exercise.get_absolute_url()).status_code == 200
    assert "Waiting for your review" not in reviewer.get(reviewer_home).content.decode()
    assert (
        f"{exercise}</a>: signed off by {reviewer.user.clinician}"
        in editor.get(reviewer_home).content.decode()
    )
    assert "now live" in editor.get(reviewer_home).content.decode()


def test_the_reviewers_home_counts_a_live_unreviewed_page_as_waiting(signed_in):
    """Pages published before sign-off was required are still live; they are on the list."""
    reviewer = signed_in("Clinical reviewer")
    exercise = ExerciseFactory(name="Clamshell")
    home = reviewer.get(reverse("admin:index")).content.decode()
    assert "<strong>1</strong> exercises waiting for review" in home
    assert "Clamshell</a>: live, never signed off" in home
    listing = reviewer.get(changelist_url(exercise), {"review": "waiting"}).content.decode()
    assert "Clamshell" in listing

import pytest
from django.urls import reverse

from quizzes.models import Outcome, Quiz
from tests.factories import ClinicianFactory

pytestmark = pytest.mark.django_db


def quiz_form(quiz, **changes):
    data = {
        "title": quiz.title,
        "slug": quiz.slug,
        "summary": quiz.summary,
        "introduction": quiz.introduction,
        "urgent_guidance": quiz.urgent_guidance,
        "author": quiz.author.pk,
        "reviewed_by": "",
        "reviewed_on": "",
        "next_review_on": "",
        "status": "published",
        "published_at_0": quiz.published_at.strftime("%Y-%m-%d"),
        "published_at_1": quiz.published_at.strftime("%H:%M:%S"),
    }
    for prefix, rows in (("questions", quiz.questions.all()), ("outcomes", quiz.outcomes.all())):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": len(rows),
                f"{prefix}-INITIAL_FORMS": len(rows),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = row.pk
            data[f"{prefix}-{index}-quiz"] = quiz.pk
            if prefix == "questions":
                data.update(
                    {
                        f"{prefix}-{index}-{name}": getattr(row, name)
                        for name in ("position", "text", "kind", "hint", "scale_weight")
                    }
                )
            else:
                data.update(
                    {
                        f"{prefix}-{index}-{name}": getattr(row, name)
                        for name in ("title", "min_score", "max_score", "explanation", "when_to_get_help")
                    }
                )
    data.update(changes)
    return data


def change_url(quiz):
    return reverse("admin:quizzes_quiz_change", args=[quiz.pk])


def test_a_correct_quiz_publishes(admin_client, quiz):
    response = admin_client.post(change_url(quiz), quiz_form(quiz), follow=True)
    assert "not published" not in response.content.decode()
    assert Quiz.objects.get(pk=quiz.pk).status == "published"
    assert "No problems found: ready to publish." in admin_client.get(change_url(quiz)).content.decode()


@pytest.mark.parametrize(
    ("breakage", "problem"),
    [
        (
            lambda quiz: quiz.single.answers.exclude(pk=quiz.single.none.pk).delete(),
            "needs at least two answers to choose from; it has 1",
        ),
        (
            lambda quiz: quiz.flag.answers.filter(pk=quiz.flag.no.pk).delete(),
            "needs exactly two answers; it has 1",
        ),
        (
            lambda quiz: Outcome.objects.filter(quiz=quiz, min_score=5).update(min_score=6),
            "No result covers scores 5 to 5.",
        ),
        (
            lambda quiz: Outcome.objects.filter(quiz=quiz, min_score=5).update(min_score=3),
            "overlap: a score of 3 fits both",
        ),
        (
            lambda quiz: Outcome.objects.filter(quiz=quiz, min_score=10).update(max_score=12),
            "No result covers scores 13 to 16 (the highest possible is 16).",
        ),
        (lambda quiz: quiz.outcomes.all().delete(), "The self-check has no results yet."),
    ],
    ids=["single-one-answer", "yes-no-one-answer", "gap", "overlap", "top-uncovered", "no-outcomes"],
)
def test_a_quiz_with_mistakes_is_kept_as_a_draft_with_the_problems_in_plain_words(
    admin_client, quiz, breakage, problem
):
    breakage(quiz)
    quiz.refresh_from_db()
    response = admin_client.post(change_url(quiz), quiz_form(quiz), follow=True)
    html = response.content.decode()
    assert "Saved as a draft, not published, because:" in html
    assert problem.replace("'", "&#x27;") in html or problem in html
    assert Quiz.objects.get(pk=quiz.pk).status == "draft"


def test_a_new_quiz_without_questions_cannot_be_published(admin_client):
    author = ClinicianFactory()
    data = {
        "title": "Empty",
        "slug": "empty",
        "summary": "x",
        "introduction": "x",
        "urgent_guidance": "x",
        "author": author.pk,
        "status": "published",
        "published_at_0": "2026-01-01",
        "published_at_1": "00:00:00",
        "questions-TOTAL_FORMS": 0,
        "questions-INITIAL_FORMS": 0,
        "outcomes-TOTAL_FORMS": 0,
        "outcomes-INITIAL_FORMS": 0,
    }
    html = admin_client.post(reverse("admin:quizzes_quiz_add"), data, follow=True).content.decode()
    assert "The self-check has no questions yet." in html
    assert Quiz.objects.get().status == "draft"

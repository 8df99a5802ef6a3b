"""Each page suggests the self-check on its own topics, and none when no self-check shares one."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, ExerciseFactory, QuizFactory, TopicFactory

pytestmark = pytest.mark.django_db

INVITE = "Take the self-check"
HIP_CHECK = "Could my hip pain be coming from my pelvic floor?"
RUNNING_CHECK = "Am I ready to run after having a baby?"


def suggested(client, url):
    """The title of the self-check a page suggests, or None."""
    html = client.get(url).content.decode()
    if INVITE not in html:
        return None
    return html.split('id="self-check-invite">')[1].split("</h2>")[0]


def test_the_demo_suggests_the_self_check_on_each_pages_topic(client, demo):
    expected = {
        "/articles/is-a-tight-pelvic-floor-causing-your-hip-pain/": HIP_CHECK,
        "/articles/returning-to-running-after-birth/": RUNNING_CHECK,
        "/articles/topics/hip-pain/": HIP_CHECK,
        "/articles/topics/running-and-sport/": RUNNING_CHECK,
        "/exercises/figure-4-stretch/": HIP_CHECK,
        # No self-check is about the bladder, or about the pelvic floor in general.
        "/articles/leaking-when-you-cough-or-jump/": None,
        "/articles/what-is-the-pelvic-floor/": None,
        "/articles/topics/bladder-and-bowel/": None,
        "/": None,
    }
    assert {url: suggested(client, url) for url in expected} == expected


def test_the_self_check_sharing_most_topics_wins_and_drafts_never_show(client):
    hips, pregnancy = TopicFactory(name="Hips"), TopicFactory(name="Pregnancy")
    both = QuizFactory(title="Hip pain in pregnancy")
    both.topics.set([hips, pregnancy])
    newer_on_one = QuizFactory(title="Hip check")
    newer_on_one.topics.set([hips])
    draft = QuizFactory(title="Draft check", status=QuizFactory._meta.model.Status.DRAFT)
    draft.topics.set([hips, pregnancy])
    article = ArticleFactory()
    article.topics.set([hips, pregnancy])
    only_hips = ArticleFactory()
    only_hips.topics.set([hips])

    assert suggested(client, article.get_absolute_url()) == "Hip pain in pregnancy"
    assert suggested(client, only_hips.get_absolute_url()) in {"Hip pain in pregnancy", "Hip check"}


def test_an_exercise_takes_the_topics_of_the_live_articles_it_is_in(client):
    hips = TopicFactory(name="Hips")
    QuizFactory(title="Hip check").topics.set([hips])
    exercise = ExerciseFactory()
    draft = ArticleFactory(status=Article.Status.DRAFT)
    draft.topics.set([hips])
    draft.related_exercises.set([exercise])
    assert suggested(client, exercise.get_absolute_url()) is None

    live = ArticleFactory()
    live.topics.set([hips])
    live.related_exercises.set([exercise])
    assert suggested(client, exercise.get_absolute_url()) == "Hip check"


def test_editors_choose_a_self_checks_topics_in_its_form(admin_client):
    quiz = QuizFactory()
    html = admin_client.get(reverse("admin:quizzes_quiz_change", args=[quiz.pk])).content.decode()
    assert 'name="topics"' in html

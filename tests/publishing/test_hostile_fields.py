"""Every text field staff can edit, filled with hostile text at once: no page that shows them runs
anything, and no staff text takes an id, class or attribute the page's own code relies on."""

import re

import pytest
from django.db import models

from articles.models import Article, Reference, Topic
from clinicians.models import Clinician
from exercises.models import BodyRegion, Equipment, Exercise, Step
from quizzes.models import Answer, Outcome, Question, Quiz
from tests.factories import ArticleFactory, ReferenceFactory, StepFactory, TopicFactory
from tests.publishing.test_markdown import _ElementCollector, executable_parts
from tests.quizzes.conftest import answers
from tests.quizzes.conftest import quiz as quiz  # the self-check fixture

pytestmark = pytest.mark.django_db

HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) "
    '{#exercise-guide} {: #main .button data-guided-start onclick="alert(4)" } '
    "\n\n## Main {#main .sr-only}\n\nExercise guide {: id=routine-guides }"
)
STAFF_MODELS = [
    Article,
    Reference,
    Topic,
    Clinician,
    Exercise,
    Step,
    BodyRegion,
    Equipment,
    Quiz,
    Question,
    Answer,
    Outcome,
]


def hostile_text(field):
    """As much of the hostile text as the field holds."""
    return HOSTILE[: field.max_length] if field.max_length else HOSTILE


def fill_every_text_field(obj):
    for field in obj._meta.get_fields():
        editable_text = isinstance(field, models.CharField | models.TextField) and field.editable
        if editable_text and not field.choices and not isinstance(field, models.SlugField | models.URLField):
            setattr(obj, field.name, hostile_text(field))
    obj.save()


def elements_in(html):
    collector = _ElementCollector()
    collector.feed(html)
    return collector.elements


def ids_in(html):
    return [(tag, attributes["id"]) for tag, attributes in elements_in(html) if "id" in attributes]


@pytest.fixture
def hostile_site(quiz):
    article = ArticleFactory()
    article.topics.add(TopicFactory())
    ReferenceFactory(article=article)
    exercise = quiz.outcomes.get(title="Probably fine").recommended_exercises.get()
    StepFactory(exercise=exercise, position=1)
    article.related_exercises.add(exercise)
    for model in STAFF_MODELS:
        for obj in model.objects.all():
            fill_every_text_field(obj)
    quiz.refresh_from_db()
    return article, exercise, quiz


def pages(client, site):
    article, exercise, quiz = site
    result = client.post(quiz.get_absolute_url(), answers(quiz))["Location"]
    return {
        "home": client.get("/"),
        "article list": client.get("/articles/"),
        "article": client.get(Article.objects.get().get_absolute_url()),
        "exercise list": client.get("/exercises/"),
        "exercise": client.get(Exercise.objects.get(pk=exercise.pk).get_absolute_url()),
        "routine": client.get(f"/exercises/my-routine/?e={Exercise.objects.get(pk=exercise.pk).slug}"),
        "self-check": client.get(Quiz.objects.get().get_absolute_url()),
        "self-check result": client.get(result),
        "feed": client.get("/articles/feed/"),
    }


# The page's own scripts: its static files and its data blocks.
SITE_SCRIPTS = re.compile(
    r'<script (src="/static/[^"]+"|id="[\w-]+" type="application/json"|type="application/ld\+json")'
)


def test_hostile_staff_text_runs_nothing_anywhere(client, hostile_site):
    for name, response in pages(client, hostile_site).items():
        assert response.status_code == 200, name
        html = response.content.decode()
        if name != "feed":
            problems = executable_parts(SITE_SCRIPTS.sub("<span ", html))
            # The page's own search and sign-up forms; staff text cannot make one (tests above).
            assert [problem for problem in problems if problem not in {"form", "input"}] == [], name
        assert "<script>alert" not in html and "javascript:alert" not in html.replace(
            "javascript:alert(3)", ""
        ), name


def test_hostile_staff_text_takes_no_id_or_class_the_page_relies_on(client, hostile_site):
    for name, response in pages(client, hostile_site).items():
        if name == "feed":
            continue
        html = response.content.decode()
        ids = [identifier for _, identifier in ids_in(html)]
        repeated = sorted({identifier for identifier in ids if ids.count(identifier) > 1})
        assert repeated == [], name
        assert ids.count("main") == 1, name
        assert ids.count("exercise-guide") == (1 if name == "exercise" else 0), name
        assert ids.count("routine-guides") == (1 if name == "routine" else 0), name
        headings = [attributes for tag, attributes in elements_in(html) if tag in {"h2", "h3", "h4"}]
        staff_headings = [
            attributes for attributes in headings if attributes.get("id", "").startswith("section-")
        ]
        assert all(set(attributes) == {"id"} for attributes in staff_headings), name
        guided = [tag for tag, attributes in elements_in(html) if "data-guided-start" in attributes]
        assert len(guided) == (1 if name in {"exercise", "routine"} else 0), name


def test_the_sites_own_ids_never_start_like_a_staff_heading():
    from pathlib import Path

    from publishing.markdown import HEADING_ID_PREFIX

    templates = Path(__file__).resolve().parents[2] / "templates"
    own_ids = {
        match for path in templates.rglob("*.html") for match in re.findall(r'id="([^"]+)"', path.read_text())
    }
    assert own_ids and not [identifier for identifier in own_ids if identifier.startswith(HEADING_ID_PREFIX)]

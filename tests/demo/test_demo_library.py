"""The demo library a newcomer sees after `make run`: enough to show every part of the site, in
plain words, with credits, reviews and real references."""

import re

import pytest
from django.urls import reverse

from articles.models import Article, Topic
from clinic.models import ClinicProfile, Page
from exercises.models import Exercise
from quizzes.models import Quiz
from staff.models import GlossaryTerm

pytestmark = pytest.mark.django_db

TARGET_GRADE = 8


CARD_LINK = re.compile(r'class="card__title"><a href="([^"]+)">([^<]+)</a>')


def card_titles(client, url):
    return [title.strip() for _, title in CARD_LINK.findall(client.get(url).content.decode())]


def test_the_demo_is_a_library_worth_showing(demo):
    articles = Article.objects.published()
    assert articles.count() >= 8
    assert Topic.objects.filter(articles__in=articles).distinct().count() >= 5
    assert Exercise.objects.published().count() >= 12
    with_versions = Exercise.objects.filter(easier_variant__isnull=False) | Exercise.objects.filter(
        harder_variant__isnull=False
    )
    assert with_versions.distinct().count() >= 6
    assert Quiz.objects.published().count() == 2
    assert GlossaryTerm.objects.count() >= 30
    assert Page.objects.published().count() >= 5


def test_every_article_carries_its_credit_review_and_when_to_get_help(demo, client):
    for article in Article.objects.published():
        assert article.author.credentials and article.reviewed_by != article.author
        assert article.reviewed_on and article.when_to_get_help and article.topics.exists()
        html = client.get(article.get_absolute_url()).content.decode()
        assert article.author.name in html and article.reviewed_by.name in html


def test_every_exercise_an_article_shows_is_in_the_library(demo, client):
    for article in Article.objects.published():
        embedded = re.findall(r"^\[\[exercise:([\w-]+)\]\]$", article.body, flags=re.M)
        html = client.get(article.get_absolute_url()).content.decode()
        shown = set(re.findall(r'class="embed-card__title"><a href="([^"]+)"', html))
        assert {f"/exercises/{slug}/" for slug in embedded} <= shown, article.slug


def test_every_text_reads_at_grade_eight_or_below_by_the_sites_own_check(demo, staff_client):
    texts = {}
    for article in Article.objects.published():
        texts[article.slug] = article.body
        texts[f"{article.slug} (summary, takeaways, when to get help)"] = "\n\n".join(
            [article.summary, article.key_takeaways, article.when_to_get_help]
        )
    for exercise in Exercise.objects.published().prefetch_related("steps"):
        steps = [f"{step.instruction} {step.tip}" for step in exercise.steps.all()]
        texts[exercise.slug] = "\n\n".join(
            [exercise.summary, exercise.purpose, exercise.starting_position, *steps]
        )
    for quiz in Quiz.objects.published():
        texts[quiz.slug] = "\n\n".join([quiz.introduction, quiz.urgent_guidance])
    for page in Page.objects.published():
        texts[page.slug] = page.body
    profile = ClinicProfile.current()
    texts["clinic profile: insurance"] = f"{profile.insurance}\n\n{profile.insurance_plans}"

    grades = {
        name: staff_client.post(reverse("staff:plain_language"), {"text": text}).json()["grade"]
        for name, text in texts.items()
    }

    assert {name: grade for name, grade in grades.items() if grade > TARGET_GRADE} == {}


def test_references_name_a_real_source_with_its_details(demo):
    references = [ref for article in Article.objects.published() for ref in article.references.all()]
    assert len(references) >= 8
    for reference in references:
        # Who, what and when, or where to read it: enough for a reader to find it.
        assert re.search(r"\b(19|20)\d\d\b", reference.title) or reference.url, reference.title
        assert not reference.url or reference.url.startswith("https://")


def test_read_next_topics_search_and_filters_show_several_items(demo, client):
    article = Article.objects.get(slug="leaking-when-you-cough-or-jump")
    html = client.get(article.get_absolute_url()).content.decode()
    read_next = html.split('id="related-articles-title"')[1].split("</section>")[0]
    assert len(CARD_LINK.findall(read_next)) >= 2

    assert len(card_titles(client, reverse("articles:topic", args=["bladder-and-bowel"]))) >= 3
    assert len(card_titles(client, reverse("articles:search") + "?q=pelvic+floor")) >= 6
    strengthening = card_titles(client, reverse("exercises:list") + "?kind=strengthening")
    assert len(strengthening) >= 5
    assert "Figure-4 stretch" not in strengthening


def test_easier_and_harder_versions_link_both_ways(demo, client):
    bridge = Exercise.objects.get(slug="glute-bridge")
    html = client.get(bridge.get_absolute_url()).content.decode()
    assert bridge.easier_variant.get_absolute_url() in html
    assert bridge.harder_variant.get_absolute_url() in html
    assert bridge.harder_variant.easier_variant == bridge

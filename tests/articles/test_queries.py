"""Page cost must not grow with content: compare the SQL query count for 3 and 30 of everything."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ArticleFactory,
    ClinicianFactory,
    ExerciseFactory,
    QuizFactory,
    ReferenceFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def build_site(size):
    topic = TopicFactory()
    extra_topics = TopicFactory.create_batch(size)
    exercises = ExerciseFactory.create_batch(size)
    body = "Intro.\n\n## Part\n\n" + "\n\n".join(f"[[exercise:{e.slug}]]" for e in exercises)
    article = ArticleFactory(
        body=body + "\n\n[[booking]]", reviewed_by=ClinicianFactory(), reviewed_on=datetime.date(2026, 1, 1)
    )
    article.topics.add(topic, *extra_topics)
    article.related_exercises.add(*ExerciseFactory.create_batch(size))
    ReferenceFactory.create_batch(size, article=article)
    for _ in range(size):
        other = ArticleFactory(title="Hip article")
        other.topics.add(topic)
    return article, topic


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url_for",
    [
        lambda article, topic: "/articles/",
        lambda article, topic: topic.get_absolute_url(),
        lambda article, topic: "/articles/search/?q=hip",
        lambda article, topic: article.get_absolute_url(),
        lambda article, topic: "/",
    ],
    ids=["list", "topic", "search", "article", "home"],
)
def test_query_count_does_not_grow_with_content(client, url_for):
    small_article, small_topic = build_site(3)
    small = queries_for(client, url_for(small_article, small_topic))
    large_article, large_topic = build_site(30)
    large = queries_for(client, url_for(large_article, large_topic))
    assert large == small


def article_with_read_next(cards):
    """An article whose Read next shows `cards` other articles sharing its topic."""
    topic = TopicFactory()
    article = ArticleFactory(reviewed_by=ClinicianFactory(), reviewed_on=datetime.date(2026, 1, 1))
    article.topics.add(topic)
    for _ in range(cards):
        ArticleFactory(title="Hip article").topics.add(topic)
    return article


def test_each_card_in_read_next_costs_no_query_of_its_own(client):
    """A card field left unread (deferred) would cost one query a card."""
    QuizFactory()
    counts = {}
    for cards in (1, 3):
        article = article_with_read_next(cards)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(article.get_absolute_url()).content.decode()
        assert html.split("Read next", 1)[1].count('class="card__title"') == cards
        counts[cards] = len(queries)
    assert counts[3] == counts[1]


def test_the_clinics_details_are_read_once_per_content_change(client):
    build_site(3)
    first = queries_for(client, "/articles/")
    second = queries_for(client, "/articles/?page=1")  # another address, so not the cached page
    # The profile, its opening hours, the menu pages and the topic links
    assert first - second == 4
    ArticleFactory()
    assert queries_for(client, "/articles/?page=1") == first


def reviewed_library(size):
    """`size` more live, signed-off articles (each in a topic of its own) and exercises: what the
    sitemaps list."""
    signed_off = {"reviewed_by": ClinicianFactory(), "reviewed_on": datetime.date(2026, 1, 1)}
    for _ in range(size):
        ArticleFactory(**signed_off).topics.add(TopicFactory())
        ExerciseFactory(**signed_off)


@pytest.mark.parametrize(
    "url", ["/sitemap.xml", "/sitemap-articles.xml", "/sitemap-exercises.xml", "/sitemap-topics.xml"]
)
def test_the_sitemaps_query_count_does_not_grow_with_content(client, url):
    def listed():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response.content.count(b"<loc>")

    listed()  # the Sites framework reads the site once per process
    reviewed_library(3)
    small_queries, small_entries = listed()
    reviewed_library(30)
    large_queries, large_entries = listed()
    assert large_queries == small_queries
    assert large_entries > small_entries or url == "/sitemap.xml"  # the index lists sections

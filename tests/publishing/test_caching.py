"""Public pages are cheap to serve: cacheable, cookie-free, compressed, revalidated, and fresh after edits."""

import gzip

import pytest
import redis
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from booking.models import BookingRequest
from publishing.caching import content_changed
from publishing.models import ContentStamp
from tests.encodings import ACCEPT_ENCODING_TABLE, DECODERS
from tests.factories import (
    ArticleFactory,
    BodyRegionFactory,
    ClinicianFactory,
    ExerciseFactory,
    QuizFactory,
    StepFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db):
    article = ArticleFactory(title="Cached title", body="## Part\n\n" + "Plenty of words. " * 300)
    exercise = ExerciseFactory()
    quiz = QuizFactory()
    return article, exercise, quiz


def public_urls(site):
    article, exercise, quiz = site
    return [
        "/",
        "/articles/",
        article.get_absolute_url(),
        "/articles/search/?q=cached",
        "/articles/feed/",
        "/exercises/",
        exercise.get_absolute_url(),
        "/exercises/catalog.json",
        quiz.get_absolute_url(),
        "/sitemap.xml",
        "/robots.txt",
    ]


def test_anonymous_public_pages_set_no_cookies_and_may_be_cached(client, site):
    for url in public_urls(site):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url
        assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"], url
        assert "Cookie" in response["Vary"], url


def test_staff_pages_are_private_and_fresh(staff_client, site):
    response = staff_client.get(site[0].get_absolute_url())
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("accepts", "encoding", "decompress"),
    [
        ("gzip, deflate, br, zstd", "gzip", gzip.decompress),
        ("gzip", "gzip", gzip.decompress),
        ("", None, bytes),
    ],
)
def test_pages_are_compressed_for_browsers_that_accept_it(client, site, accepts, encoding, decompress):
    url = site[0].get_absolute_url()
    plain = client.get(url).content

    for _ in range(2):  # the first render, then a hit from the cache
        response = client.get(url, HTTP_ACCEPT_ENCODING=accepts)
        assert response.get("Content-Encoding") == encoding
        assert "Accept-Encoding" in response["Vary"]
        assert decompress(response.content) == plain
        assert int(response["Content-Length"]) == len(response.content)


def test_every_worker_gives_a_page_the_same_etag_so_revisits_get_304(client, site):
    url = site[0].get_absolute_url()
    first = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    cache.clear()  # another worker, another server: the page is rendered afresh

    again = client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


def test_a_revisit_with_the_etag_gets_304(client, site):
    url = site[0].get_absolute_url()
    etag = client.get(url)["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


def test_a_warm_page_is_served_from_the_cache_with_few_queries(client, site):
    url = site[0].get_absolute_url()
    with CaptureQueriesContext(connection) as cold:
        client.get(url)
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    assert len(warm) < len(cold)
    assert len(warm) == 1  # the content generation


def test_a_staff_edit_is_visible_on_the_next_request(client, site):
    article = site[0]
    assert "Cached title" in client.get(article.get_absolute_url()).content.decode()
    assert "Cached title" in client.get("/articles/").content.decode()

    article.title = "Edited title"
    article.save()

    assert "Edited title" in client.get(article.get_absolute_url()).content.decode()
    assert "Edited title" in client.get("/articles/").content.decode()


def test_a_scheduled_article_appears_when_its_time_comes_despite_the_cache(client, site, advance_clock):
    later = ArticleFactory(title="Later piece", published_at=timezone.now() + timezone.timedelta(hours=1))
    assert "Later piece" not in client.get("/articles/").content.decode()
    assert "Later piece" not in client.get("/articles/").content.decode()  # now served from the cache

    advance_clock(timezone.timedelta(hours=1, seconds=1))

    assert "Later piece" in client.get("/articles/").content.decode()
    assert "Later piece" in client.get(later.get_absolute_url()).content.decode()


def test_edits_made_outside_the_models_are_visible_once_announced(client, site):
    article = site[0]
    assert "Cached title" in client.get(article.get_absolute_url()).content.decode()
    Article.objects.filter(pk=article.pk).update(title="Bulk-edited title")
    content_changed()
    assert "Bulk-edited title" in client.get(article.get_absolute_url()).content.decode()


def test_the_cache_survives_a_missing_content_stamp(client, site):
    """A flushed or restored database may lack the stamp row; pages still render and cache."""
    ContentStamp.objects.all().delete()
    assert client.get("/articles/").status_code == 200
    assert ContentStamp.objects.count() == 1


def test_edits_to_topics_and_links_reach_cached_pages(client, site):
    article = site[0]
    topic = TopicFactory(name="Freshly linked topic")
    assert "Freshly linked topic" not in client.get(article.get_absolute_url()).content.decode()
    article.topics.add(topic)
    assert "Freshly linked topic" in client.get(article.get_absolute_url()).content.decode()
    topic.name = "Renamed topic"
    topic.save()
    assert "Renamed topic" in client.get(article.get_absolute_url()).content.decode()


def generation():
    return ContentStamp.objects.get_or_create(pk=1)[0].generation


@pytest.mark.parametrize(
    "make",
    [
        lambda exercise: ClinicianFactory(),
        lambda exercise: TopicFactory(),
        lambda exercise: QuizFactory(),
        lambda exercise: StepFactory(exercise=exercise),
        lambda exercise: exercise.delete(),
    ],
    ids=["clinician", "topic", "self-check", "step", "deleted exercise"],
)
def test_every_kind_of_public_content_moves_the_generation_on(make):
    """Models join the page cache by inheriting CachedContent; each of these does."""
    exercise = ExerciseFactory()
    before = generation()
    make(exercise)
    assert generation() > before


def test_visitors_records_do_not_empty_the_page_cache(db):
    before = generation()
    BookingRequest.objects.create(first_name="Ana", email="ana@example.com", has_consented=True)
    assert generation() == before


def test_quiz_results_are_never_stored_by_shared_caches(client, site):
    quiz = site[2]
    response = Client().get(quiz.get_absolute_url() + "result/?answers=x")
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


def test_the_configured_cache_is_shared_by_url(settings):
    """With CACHE_URL set (as CI does for its second pass) pages and rate limits live in Redis."""
    if not settings.CACHE_URL:
        assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
        return
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    cache.set("shared-check", "yes", 10)
    assert redis.Redis.from_url(settings.CACHE_URL).exists(":1:shared-check")


@pytest.mark.parametrize(("accepts", "accepted"), ACCEPT_ENCODING_TABLE)
def test_each_accept_encoding_gets_an_encoding_it_accepts_kept_page_or_not(client, site, accepts, accepted):
    kept_page, never_kept = site[0].get_absolute_url(), "/book/"
    # The first render, a hit from the page cache, then a page compressed as it goes (gzip only).
    for url, encoding in (
        (kept_page, accepted[0] if accepted else ""),
        (kept_page, accepted[0] if accepted else ""),
        (never_kept, "gzip" if "gzip" in accepted else ""),
    ):
        plain = client.get(url, HTTP_ACCEPT_ENCODING="identity").content
        response = client.get(url, HTTP_ACCEPT_ENCODING=accepts)
        assert response.get("Content-Encoding", "") == encoding, url
        assert DECODERS[encoding](response.content).count(b"<h1") == plain.count(b"<h1") == 1, url


# The tags deploy/nginx/hipcare-http.conf leaves out of its key, and one nobody uses.
TAGS_NO_PAGE_READS = [
    "utm_source=mail",
    "utm_campaign=spring&fbclid=abc&gclid=1&msclkid=2&mc_cid=3&mc_eid=4",
    "ref=made-up-site.example&made_up=1",
]


def test_a_query_string_no_page_reads_costs_no_render_on_any_kept_page(client, site):
    for url in public_urls(site):
        if "search" in url:  # results are never kept
            continue
        joiner = "&" if "?" in url else "?"
        client.get(url + joiner + "utm_source=first")  # the page's reads are learnt once
        for tags in TAGS_NO_PAGE_READS:
            with CaptureQueriesContext(connection) as served:
                response = client.get(url + joiner + tags)
            assert response.status_code == 200, url
            assert len(served) <= 1, (url, tags, [query["sql"] for query in served])


def test_the_parameters_a_page_reads_still_make_it_a_different_page(client, db):
    pelvis, hips = BodyRegionFactory(slug="pelvis"), BodyRegionFactory(slug="hips")
    ExerciseFactory(name="Pelvic tilt", slug="pelvic-tilt").body_regions.add(pelvis)
    ExerciseFactory(name="Clamshell", slug="clamshell").body_regions.add(hips)

    first = client.get("/exercises/?region=pelvis&utm_source=mail").content.decode()
    other = client.get("/exercises/?region=hips&utm_source=mail").content.decode()
    with CaptureQueriesContext(connection) as served:
        again = client.get("/exercises/?utm_campaign=spring&region=hips").content.decode()

    assert "Pelvic tilt" in first and "Clamshell" not in first
    assert "Clamshell" in other and "Pelvic tilt" not in other
    assert again == other and len(served) <= 1

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import articles.search
from articles.models import Article
from tests.factories import ArticleFactory, ExerciseFactory, QuizFactory

pytestmark = pytest.mark.django_db


def search(client, query, **params):
    response = client.get(reverse("articles:search"), {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_search_finds_words_in_title_summary_and_body_with_a_count(client):
    ArticleFactory(title="Tight hips", summary="About hips.", body="Nothing else.")
    ArticleFactory(title="Pregnancy", summary="Hips change when pregnant.", body="Text.")
    ArticleFactory(title="Sleep", summary="Rest.", body="Lie on your side to rest your hips.")
    ArticleFactory(title="Shoulders", summary="Not this one.", body="Arms.")

    html = search(client, "hips")

    assert "3 articles found for “hips”." in html
    assert "Shoulders" not in html


def test_every_word_must_match(client):
    ArticleFactory(title="Hip stretch guide")
    ArticleFactory(title="Hip strength guide")
    html = search(client, "hip stretch")
    assert "1 article found" in html
    assert "Hip strength guide" not in html


def test_matches_are_highlighted_and_escaped(client):
    ArticleFactory(title="Hips & <knees>", summary="Why hips hurt.", body="Deep in the hip socket.")
    html = search(client, "HIP")
    assert "<mark>Hip</mark>s &amp; &lt;knees&gt;" in html
    assert "Why <mark>hip</mark>s hurt." in html
    assert "Deep in the <mark>hip</mark> socket." in html


def test_the_passage_shown_is_plain_text_with_blocks_kept_apart(client):
    ArticleFactory(
        title="Morning routine",
        summary="Start gently.",
        body='## Warm-up\n\nSlow **breathing** before the [pelvic](https://example.org/ "a>b") stretch &amp; rest.',
    )
    html = search(client, "breathing")
    passage = html[html.index('<p class="card__snippet">') :].split("</p>")[0]
    assert passage.endswith("Warm-up Slow <mark>breathing</mark> before the pelvic stretch &amp; rest.")


def test_search_never_shows_drafts(client):
    ArticleFactory(title="Draft about hips", status=Article.Status.DRAFT)
    assert "0 articles found" in search(client, "hips")


def test_no_results_gives_helpful_suggestions(client):
    ArticleFactory(title="Hips")
    html = search(client, "zebra")
    assert "0 articles found for “zebra”." in html
    assert "Try a shorter or more general word" in html


def test_empty_search_invites_a_query(client):
    assert "Type a word or two above" in search(client, "   ")


def test_hostile_query_is_escaped_and_harmless(client):
    html = search(client, '<script>alert(1)</script>" onfocus="x')
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_search_results_paginate_keeping_the_query(client):
    for number in range(14):
        ArticleFactory(title=f"Hip article {number}")
    html = search(client, "hip")
    assert "14 articles found" in html
    assert 'href="?q=hip&amp;page=2"' in html
    assert "Page 2 of 2" in search(client, "hip", page=2)


def test_search_page_is_kept_out_of_search_engines(client):
    assert '<meta name="robots" content="noindex">' in search(client, "hip")


def test_search_follows_edits_and_deletions(client):
    article = ArticleFactory(title="Tailbone care", body="Old words.")
    assert "1 article found" in search(client, "tailbone")
    article.body = "Fresh coccyx advice."
    article.save()
    assert "1 article found" in search(client, "coccyx")
    assert "0 articles found" in search(client, "old words")
    article.delete()
    assert "0 articles found" in search(client, "tailbone")


def test_search_uses_the_full_text_index_not_a_scan(client):
    ArticleFactory(title="Indexed")
    with CaptureQueriesContext(connection) as queries:
        search(client, "indexed")
    article_sql = " ".join(
        query["sql"]
        for query in queries
        if '"articles_article"' in query["sql"] or "articles_article " in query["sql"]
    )
    assert (
        ("articles_article_fts MATCH" in article_sql)
        if connection.vendor == "sqlite"
        else ("@@" in article_sql)
    )
    # Exercises and self-checks, a few hundred at most, are matched by a scan; articles never.
    assert "LIKE" not in article_sql.upper()


def test_words_are_matched_by_their_beginning(client):
    ArticleFactory(title="Stretching for runners")
    assert "1 article found" in search(client, "stretch run")


def test_a_very_common_word_shows_the_most_recent_matches_and_asks_for_another(client, monkeypatch):
    monkeypatch.setattr(articles.search, "MAX_MATCHES", 3)
    older, *newer = [ArticleFactory(title=f"Pelvic guide {number}") for number in range(4)]
    ArticleFactory(title="Knee guide")

    html = search(client, "pelvic")

    assert "Over 3 articles found for “pelvic”" in html
    assert "add another word to narrow the search" in html
    assert all(article.get_absolute_url() in html for article in newer)
    assert older.get_absolute_url() not in html
    assert "Knee guide" not in html

    older.delete()
    html = search(client, "pelvic")
    assert "3 articles found for “pelvic”" in html
    assert "Over 3" not in html


def test_drafts_and_scheduled_articles_take_no_place_among_the_matches(client, monkeypatch):
    monkeypatch.setattr(articles.search, "MAX_MATCHES", 3)
    live = [ArticleFactory(title=f"Pelvic guide {number}") for number in range(3)]
    # Added after the live ones, so the newest matches in the index are not live.
    ArticleFactory(title="Pelvic draft one", status=Article.Status.DRAFT)
    ArticleFactory(title="Pelvic draft two", status=Article.Status.DRAFT)
    ArticleFactory(title="Pelvic plan", published_at=timezone.now() + timezone.timedelta(days=1))

    html = search(client, "pelvic")

    assert "3 articles found for “pelvic”" in html and "Over 3" not in html
    assert all(article.get_absolute_url() in html for article in live)
    assert "Pelvic draft" not in html and "Pelvic plan" not in html


@pytest.mark.parametrize("filler_words", [40, 41, 43, 47, 60])
def test_a_passage_starts_and_ends_on_whole_words_and_shows_the_match(client, filler_words):
    words = " ".join(f"word{number}" for number in range(filler_words))
    ArticleFactory(title="Long read", summary="Plenty.", body=f"{words} the piriformis muscle {words}")

    html = search(client, "piriformis")

    passage = html[html.index('<p class="card__snippet">') + len('<p class="card__snippet">') :].split(
        "</p>"
    )[0]
    assert "<mark>piriformis</mark>" in passage
    inner = passage.removeprefix("…").removesuffix("…")
    assert re.fullmatch(r"(word\d+ )*the <mark>piriformis</mark> muscle( word\d+)*", inner), passage


def test_search_finds_exercises_and_self_checks_too_grouped_by_kind(client):
    ExerciseFactory(name="Tennis-ball release", summary="Ease a tight buttock with a ball.")
    QuizFactory(title="Is my hip pain from the pelvic floor?", summary="Six questions about hip pain.")
    ArticleFactory(title="Why hips ache")

    html = search(client, "tennis ball")
    assert "Tennis-ball release" in html and html.index(">Articles<") < html.index(">Exercises<")

    html = search(client, "hip pain")
    assert (
        ">Self-checks<" in html and "Is my <mark>hip</mark> <mark>pain</mark> from the pelvic floor?" in html
    )


@pytest.mark.parametrize(("typed", "meant"), [("hip flexer", "hip flexor"), ("pelvis flor", "pelvic floor")])
def test_a_misspelt_search_suggests_the_sites_own_words(client, typed, meant):
    ArticleFactory(title="Strengthen a weak hip flexor", summary="Five minutes a day.")
    ArticleFactory(title="What the pelvic floor does", summary="A plain guide.")

    html = search(client, typed)

    assert f'Did you mean <a href="?q={meant.replace(" ", "+")}">{meant}</a>?' in html
    assert f'<a href="?q={meant.replace(" ", "+")}">' in html

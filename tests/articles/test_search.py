import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import articles.search
from articles.models import Article
from demo import content
from tests.factories import ArticleFactory, ExerciseFactory, QuizFactory, TopicFactory

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


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("hip flexer", "hip flexor"),
        ("pelvis flor", "pelvic floor"),
        ("kegle", "kegels"),
        ("hip pian", "hip pain"),
    ],
)
def test_a_misspelt_search_shows_the_close_searchs_results_at_once(client, typed, meant):
    ArticleFactory(title="Strengthen a weak hip flexor", summary="Five minutes a day.")
    ArticleFactory(title="What the pelvic floor does", summary="A plain guide.")
    ArticleFactory(title="Kegels: when they help", summary="And when they don't.")
    ArticleFactory(title="Easing hip pain at your desk", summary="Short breaks.")

    html = search(client, typed)

    assert f"Showing results for <strong>{meant}</strong>." in html
    assert "1 article found for “" + meant + "”" in html
    as_typed = f'href="?q={typed.replace(" ", "+")}&amp;as_typed=1">Search for “{typed}” as typed</a>'
    assert as_typed in html
    html = search(client, typed, as_typed=1)
    assert "Showing results for" not in html and "0 articles found" in html


def test_a_search_that_finds_something_is_never_replaced(client):
    ArticleFactory(title="Hips at rest")
    ArticleFactory(title="Hip pain")
    assert "Showing results for" not in search(client, "hips")


def test_nothing_close_shows_nothing_but_the_help(client):
    ArticleFactory(title="Hip pain")
    html = search(client, "zebra")
    assert "Showing results for" not in html and "Try a shorter or more general word" in html


def test_other_forms_of_a_word_find_exercises_and_self_checks(client):
    ExerciseFactory(name="Lying Kegel", summary="Squeeze and lift.", purpose="Strength.")
    QuizFactory(title="Are my stretches working?", summary="Four questions.")
    assert ">Lying Kegel</a>" in search(client, "kegels")
    assert "Are my <mark>stretch</mark>es working?" in search(client, "stretching")


def test_an_editors_synonym_searches_the_sites_own_words(admin_client, client):
    ArticleFactory(title="Is a tight pelvic floor causing your hip pain?")
    assert "0 articles found" in search(client, "sciatica")

    response = admin_client.post(
        reverse("admin:articles_searchsynonym_add"), {"word": " Sciatica ", "search_for": "hip pain"}
    )
    assert response.status_code == 302

    html = search(client, "Sciatica")
    assert "Showing results for <strong>hip pain</strong>." in html
    assert "1 article found for “hip pain”" in html


def test_a_synonym_for_its_own_words_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:articles_searchsynonym_add"), {"word": "hip pain", "search_for": "Hip  pain"}
    )
    assert "Give other words than the synonym itself." in response.content.decode()


def test_the_best_match_comes_first(client):
    ArticleFactory(title="Sleep", summary="Rest well.", body="Lie on your side if your tailbone hurts.")
    ArticleFactory(title="Tailbone pain", summary="Why the tailbone hurts.", body="The tailbone.")
    html = search(client, "tailbone")
    assert html.index("<mark>Tailbone</mark> pain") < html.index(">Sleep<")


@pytest.mark.parametrize("query", ["hip", "hip pian", "sciatica"])
def test_a_search_costs_the_same_queries_however_large_the_site(client, query):
    from articles.models import SearchSynonym

    SearchSynonym.objects.create(word="sciatica", search_for="hip pain")

    def queries_for_a_search():
        search(client, query)  # the vocabulary is kept until the content changes
        with CaptureQueriesContext(connection) as queries:
            search(client, query)
        return len(queries)

    ArticleFactory(title="Hip pain at night")
    ExerciseFactory(name="Hip circles")
    few = queries_for_a_search()
    for number in range(20):
        ArticleFactory(title=f"Hip pain guide {number}", summary=f"Words{number} more{number}.")
        ExerciseFactory(name=f"Hip stretch {number}")
        QuizFactory(title=f"Hip check {number}")
    assert queries_for_a_search() == few


def test_the_demo_finds_what_patients_mean(client, demo):
    hip_article = "Is a tight pelvic floor causing your hip pain?"
    cases = [
        ("kegle", "kegels", "Kegels"),
        ("hip pian", "hip pain", hip_article),
        ("sciatica", "hip pain", hip_article),
    ]
    cases += [(word, search_for, "") for word, search_for in content.SEARCH_SYNONYMS]
    for typed, shown, expected_title in cases:
        html = search(client, typed)
        assert f"Showing results for <strong>{shown}</strong>." in html, typed
        titles = [re.sub(r"</?mark>", "", title) for title in CARD_TITLE.findall(html)]
        assert any(expected_title in title for title in titles), (typed, titles)


CARD_TITLE = re.compile(r'class="card__title"><a href="[^"]+">(.*?)</a>')


def test_a_hyphenated_word_is_found_as_written(client):
    ArticleFactory(title="Healing", summary="The first weeks.", body="After a C-section, rest your belly.")
    ArticleFactory(title="Sections", summary="A guide in sections.", body="Nothing else.")
    assert "1 article found for “c-section”" in search(client, "c-section")


def test_the_search_page_lists_a_topic_as_soon_as_it_has_a_live_article(client):
    search = reverse("articles:search") + "?q=hip"
    topic = TopicFactory(name="Pregnancy", slug="pregnancy")
    assert topic.get_absolute_url() not in client.get(search).content.decode()

    ArticleFactory().topics.add(topic)

    assert f'href="{topic.get_absolute_url()}"' in client.get(search).content.decode()

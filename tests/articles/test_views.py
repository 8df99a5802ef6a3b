import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_published_article_shows_author_credentials_and_date(client):
    article = ArticleFactory(title="Tight hips explained", body="## Why\n\nBecause.")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<h1 class="article__title" data-listen-text>Tight hips explained</h1>' in html
    assert f"{article.author.name}, PT, DPT" in html
    assert '<h2 id="section-why">Why</h2>' in html
    assert "<time datetime=" in html


def test_draft_article_is_not_found_for_visitors(client):
    article = ArticleFactory(status=Article.Status.DRAFT)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_scheduled_article_is_hidden_until_its_time_comes(client, advance_clock):
    article = ArticleFactory(published_at=timezone.now() + timezone.timedelta(hours=1))
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.title not in client.get(reverse("articles:list")).content.decode()

    advance_clock(timezone.timedelta(hours=1, seconds=1))

    assert client.get(article.get_absolute_url()).status_code == 200
    assert article.title in client.get(reverse("articles:list")).content.decode()


def test_staff_can_preview_a_draft_with_a_banner(staff_client):
    article = ArticleFactory(status=Article.Status.DRAFT)
    response = staff_client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "This page is a draft" in response.content.decode()


def test_published_article_has_no_draft_banner_for_staff(staff_client):
    article = ArticleFactory()
    assert "Staff preview" not in staff_client.get(article.get_absolute_url()).content.decode()


def test_article_list_is_newest_first_and_paginated(client):
    now = timezone.now()
    for days_ago in range(14):
        ArticleFactory(
            title=f"Article from {days_ago} days ago", published_at=now - timezone.timedelta(days=days_ago)
        )

    first_page = client.get(reverse("articles:list")).content.decode()
    second_page = client.get(reverse("articles:list") + "?page=2").content.decode()

    assert first_page.index("Article from 0 days ago") < first_page.index("Article from 1 days ago")
    assert "Article from 13 days ago" not in first_page
    assert "Article from 13 days ago" in second_page
    assert "Page 2 of 2" in second_page


def test_links_carry_the_prefix_of_a_site_served_below_the_domain_root(client):
    topic = TopicFactory(slug="hip-pain")
    article = ArticleFactory(slug="tight-hips")
    article.topics.add(topic)
    ArticleFactory(slug="second-article").topics.add(topic)

    set_script_prefix("/clinic/")  # what the WSGI handler does for a request under /clinic
    try:
        below = client.get("/articles/").content.decode()
    finally:
        clear_script_prefix()
    at_root = client.get("/articles/?page=1").content.decode()

    assert 'href="/clinic/articles/tight-hips/"' in below
    assert 'href="/clinic/articles/topics/hip-pain/"' in below
    assert 'href="/articles/tight-hips/"' in at_root
    assert 'href="/articles/topics/hip-pain/"' in at_root
    assert "/clinic/" not in at_root


def test_the_topic_index_lists_every_topic_with_live_articles(client):
    hips, empty = TopicFactory(name="Hips"), TopicFactory(name="Nothing here yet")
    for _ in range(2):
        ArticleFactory().topics.add(hips)
    ArticleFactory(status="draft").topics.add(empty)

    response = client.get("/articles/topics/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="{hips.get_absolute_url()}">Hips</a> (2 articles)' in html
    assert "Nothing here yet" not in html

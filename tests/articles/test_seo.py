import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, ClinicianFactory, TopicFactory
from tests.structured import open_graph, the_item

pytestmark = pytest.mark.django_db
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}


def test_sitemap_lists_published_articles_with_review_dates_and_no_drafts(client):
    reviewed = ArticleFactory(
        slug="reviewed", reviewed_by=ClinicianFactory(), reviewed_on=timezone.localdate()
    )
    ArticleFactory(slug="draft", status=Article.Status.DRAFT)
    ArticleFactory(slug="scheduled", published_at=timezone.now() + datetime.timedelta(days=1))

    index = client.get("/sitemap.xml")

    assert index.status_code == 200
    sections = [loc.text for loc in ET.fromstring(index.content).findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert "http://testserver/sitemap-articles.xml" in sections
    entries = {}
    for section in sections:
        root = ET.fromstring(client.get(section.removeprefix("http://testserver")).content)
        entries |= {
            url.findtext("s:loc", namespaces=SITEMAP_NS): url for url in root.findall("s:url", SITEMAP_NS)
        }
    reviewed_url = "http://testserver" + reviewed.get_absolute_url()
    assert reviewed_url in entries
    assert (
        entries[reviewed_url].findtext("s:lastmod", namespaces=SITEMAP_NS) == timezone.localdate().isoformat()
    )
    assert not any("draft" in url or "scheduled" in url for url in entries)
    assert "http://testserver/" in entries


def test_robots_txt_points_to_the_sitemap(client):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_feed_is_valid_atom_with_only_published_articles(client):
    ArticleFactory(title="Published piece", summary="Read me.")
    ArticleFactory(title="Draft piece", status=Article.Status.DRAFT)

    response = client.get(reverse("articles:feed"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    titles = [entry.findtext("a:title", namespaces=ATOM_NS) for entry in root.findall("a:entry", ATOM_NS)]
    assert titles == ["Published piece"]


def test_article_is_a_medical_web_page_about_an_article_by_linked_clinicians(client):
    reviewer = ClinicianFactory(
        name="Dr. Check", credentials="PT, DPT", job_title="Pelvic health physical therapist"
    )
    article = ArticleFactory(
        title="Hips </script><script>alert(1)</script>",
        reviewed_by=reviewer,
        reviewed_on=datetime.date(2026, 5, 4),
    )
    article.topics.add(TopicFactory(name="Hip pain"))

    html = client.get(article.get_absolute_url()).content.decode()
    page, about = the_item(html, "MedicalWebPage"), the_item(html, "Article")

    assert about["headline"] == article.title
    assert about["author"]["name"] == article.author.name
    assert about["author"]["url"] == "http://testserver" + article.author.get_absolute_url()
    assert about["author"]["honorificSuffix"] == article.author.credentials
    assert about["author"]["jobTitle"]
    assert page["mainEntity"] == {"@id": about["@id"]}
    assert page["reviewedBy"]["name"] == "Dr. Check"
    assert page["reviewedBy"]["url"] == "http://testserver" + reviewer.get_absolute_url()
    assert page["reviewedBy"]["jobTitle"] == "Pelvic health physical therapist"
    assert page["lastReviewed"] == "2026-05-04"
    assert datetime.datetime.fromisoformat(about["datePublished"]) == article.published_at
    assert about["about"] == [{"@type": "Thing", "name": "Hip pain"}]
    assert about["image"].startswith("http://testserver/share/")
    assert "<script>alert(1)" not in html


def test_a_scheduled_articles_modified_date_is_never_before_it_goes_live(client, admin_client):
    article = ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=3))
    html = admin_client.get(article.get_absolute_url()).content.decode()
    about = the_item(html, "Article")
    published = datetime.datetime.fromisoformat(about["datePublished"])
    modified = datetime.datetime.fromisoformat(about["dateModified"])
    assert modified.tzinfo is not None and modified >= published


def test_unreviewed_article_has_no_review_claims(client):
    page = the_item(client.get(ArticleFactory().get_absolute_url()).content.decode(), "MedicalWebPage")
    assert "lastReviewed" not in page and "reviewedBy" not in page


def test_article_has_canonical_url_description_and_sharing_tags(client):
    article = ArticleFactory(title="Sharing test", summary="A summary to share.")
    html = client.get(article.get_absolute_url()).content.decode()
    url = "http://testserver" + article.get_absolute_url()
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta name="description" content="A summary to share.">' in html
    shared = open_graph(html)
    assert shared["og:title"] == "Sharing test" and shared["og:url"] == url
    assert shared["og:type"] == "article"
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_an_evening_edit_is_dated_by_the_clinics_calendar(client, settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    article = ArticleFactory(
        slug="evening-edit",
        published_at=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC),
        reviewed_by=ClinicianFactory(),
        reviewed_on=datetime.date(2026, 1, 1),
    )
    # 7 pm on 1 March at the clinic is already 2 March in UTC.
    Article.objects.filter(pk=article.pk).update(
        updated_at=datetime.datetime(2026, 3, 2, 3, 0, tzinfo=datetime.UTC)
    )

    html = client.get(article.get_absolute_url()).content.decode()
    sitemap = client.get("/sitemap-articles.xml").content.decode()

    assert the_item(html, "Article")["dateModified"].startswith("2026-03-01T19:00:00-08:00")
    assert "<lastmod>2026-03-01</lastmod>" in sitemap

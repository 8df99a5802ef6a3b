import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, ClinicianFactory, TopicFactory

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


def structured_data(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_article_has_medical_web_page_structured_data(client):
    reviewer = ClinicianFactory(name="Dr. Check", credentials="PT, DPT")
    article = ArticleFactory(
        title="Hips </script><script>alert(1)</script>",
        reviewed_by=reviewer,
        reviewed_on=datetime.date(2026, 5, 4),
    )
    article.topics.add(TopicFactory(name="Hip pain"))

    html = client.get(article.get_absolute_url()).content.decode()
    data = structured_data(html)

    assert data["@type"] == "MedicalWebPage"
    assert data["headline"] == article.title
    assert data["author"] == {"@type": "Person", "name": article.author.name, "honorificSuffix": "PT, DPT"}
    assert data["reviewedBy"]["name"] == "Dr. Check"
    assert data["lastReviewed"] == "2026-05-04"
    assert data["datePublished"] == article.published_at.isoformat()
    assert data["dateModified"] == article.modified_on.isoformat()
    assert data["about"] == [{"@type": "Thing", "name": "Hip pain"}]
    assert "<script>alert(1)" not in html


def test_unreviewed_article_has_no_review_claims(client):
    data = structured_data(client.get(ArticleFactory().get_absolute_url()).content.decode())
    assert "lastReviewed" not in data and "reviewedBy" not in data


def test_article_has_canonical_url_description_and_sharing_tags(client):
    article = ArticleFactory(title="Sharing test", summary="A summary to share.")
    html = client.get(article.get_absolute_url()).content.decode()
    url = "http://testserver" + article.get_absolute_url()
    assert f'<link rel="canonical" href="{url}">' in html
    assert '<meta name="description" content="A summary to share.">' in html
    assert '<meta property="og:title" content="Sharing test">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_an_evening_edit_is_dated_by_the_clinics_calendar(client, settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    article = ArticleFactory(slug="evening-edit")
    # 7 pm on 1 March at the clinic is already 2 March in UTC.
    Article.objects.filter(pk=article.pk).update(
        updated_at=datetime.datetime(2026, 3, 2, 3, 0, tzinfo=datetime.UTC)
    )

    html = client.get(article.get_absolute_url()).content.decode()
    sitemap = client.get("/sitemap-articles.xml").content.decode()

    assert '"dateModified": "2026-03-01"' in html
    assert "<lastmod>2026-03-01</lastmod>" in sitemap

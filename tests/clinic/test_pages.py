"""Pages the clinic writes, its privacy page, and what search engines and link previews read."""

import datetime
import time
import xml.etree.ElementTree as ET
from io import BytesIO
from unittest import mock

import pytest
from django.core import signing
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from clinic.artwork import share_image_url
from clinic.models import ClinicProfile, Page
from tests.factories import ArticleFactory, ClinicianFactory, ExerciseFactory, QuizFactory, StepFactory
from tests.structured import open_graph, structured_items, the_item

pytestmark = pytest.mark.django_db
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def make_page(**fields):
    values = {
        "title": "About us",
        "slug": "about-us",
        "summary": "Who we are.",
        "body": "We are a **small** clinic.",
        "status": Page.Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(hours=1),
    } | fields
    return Page.objects.create(**values)


def sitemap_urls(client):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    urls = set()
    for section in index.findall("s:sitemap/s:loc", SITEMAP):
        root = ET.fromstring(client.get(section.text.removeprefix("http://testserver")).content)
        urls |= {loc.text.removeprefix("http://testserver") for loc in root.findall("s:url/s:loc", SITEMAP)}
    return urls


def test_a_published_page_has_its_own_address_and_drafts_stay_hidden(client, admin_client):
    make_page(body="We are a **small** clinic.\n\n<script>alert(1)</script>")
    make_page(title="Fees", slug="fees", status=Page.Status.DRAFT)

    html = client.get("/about-us/").content.decode()
    assert '<h1 class="article__title">About us</h1>' in html
    assert "<strong>small</strong>" in html and "<script>alert(1)" not in html
    assert client.get("/fees/").status_code == 404
    assert admin_client.get("/fees/").status_code == 200  # staff preview their drafts


def test_the_clinic_chooses_which_pages_are_in_which_menu_and_in_what_order(client):
    make_page(title="Contact", slug="contact", in_header=True, in_footer=True, navigation_order=2)
    make_page(title="About us", slug="about-us", in_header=True, in_footer=False, navigation_order=1)
    make_page(title="Fees", slug="fees", in_header=False, in_footer=True, navigation_order=3)
    make_page(title="Hidden", slug="hidden", in_header=False, in_footer=False)

    html = client.get("/").content.decode()
    header = html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]
    footer = html.split('<nav class="site-footer__nav"', 1)[1].split("</nav>", 1)[0]
    assert header.index(">About us<") < header.index(">Contact<") and ">Fees<" not in header
    assert footer.index(">Contact<") < footer.index(">Fees<") and ">About us<" not in footer
    assert ">Hidden<" not in html


@pytest.mark.parametrize("slug", ["articles", "team", "privacy", "admin", "static", "media"])
def test_a_page_cannot_take_an_address_the_site_already_uses(admin_client, slug):
    response = admin_client.post(
        reverse("admin:clinic_page_add"),
        {
            "title": "Taken",
            "slug": slug,
            "summary": "x",
            "body": "x",
            "in_footer": "on",
            "navigation_order": "1",
            "status": "draft",
            "published_at_0": "2026-01-01",
            "published_at_1": "09:00",
        },
    )
    assert response.status_code == 200
    assert "already a part of the site" in response.context["adminform"].form.errors["slug"][0]
    assert not Page.objects.filter(slug=slug).exists()


def test_health_advice_needs_an_author_and_stays_out_of_search_until_signed_off(client):
    author, reviewer = ClinicianFactory(), ClinicianFactory(name="Dr. Check")
    page = make_page(
        title="Conditions we treat",
        slug="conditions",
        is_health_content=True,
        author=author,
        status=Page.Status.DRAFT,
    )

    assert "signed off" in " ".join(page.publish())
    assert client.get("/conditions/").status_code == 404
    assert "/conditions/" not in sitemap_urls(client)

    page.sign_off(reviewer)
    assert page.publish() == []
    html = client.get("/conditions/").content.decode()
    assert "noindex" not in html and "Dr. Check" in html and "Education, not diagnosis" in html
    assert "/conditions/" in sitemap_urls(client)

    page.author = None
    assert "author" in " ".join(page.publishing_problems())


def test_the_privacy_page_states_the_retention_settings_actual_values(client, settings):
    settings.LEAD_RETENTION_DAYS, settings.UNCONFIRMED_SIGNUP_DAYS = 180, 14
    profile = ClinicProfile.current()
    profile.privacy_before = "Our own **words** first. <img src=x onerror=alert(1)>"
    profile.privacy_after = "And our notice last."
    profile.email = "hello@clinic.example.org"
    profile.save()

    html = client.get("/privacy/").content.decode()
    assert "<strong>180 days</strong> after you send it" in html
    assert "within <strong>14 days</strong>, we delete it" in html
    assert "no analytics" in html
    assert 'href="mailto:hello@clinic.example.org"' in html
    assert html.index("Our own <strong>words</strong> first.") < html.index("When you read the site")
    assert html.index("When you read the site") < html.index("And our notice last.")
    assert "<img src=x" not in html  # shown as text, never as markup


@pytest.mark.parametrize("path", ["/book/", "/newsletter/"])
def test_the_forms_link_to_the_privacy_page(client, path):
    assert 'href="/privacy/#' in client.get(path).content.decode()


def test_the_home_page_describes_the_clinic_for_search_engines(client):
    profile = ClinicProfile.current()
    profile.phone, profile.street_address, profile.city = "503-555-0142", "1420 Alder Street", "Portland"
    profile.region, profile.postal_code = "OR", "97214"
    profile.other_profiles = "https://example.org/listing/alder\nhttps://social.example.org/@alder"
    profile.save()
    profile.opening_hours.create(weekday=0, opens=datetime.time(8), closes=datetime.time(17, 30))

    clinic = the_item(client.get("/").content.decode(), "MedicalClinic")

    assert clinic["telephone"] == "503-555-0142"
    assert clinic["address"]["streetAddress"] == "1420 Alder Street"
    assert clinic["address"]["postalCode"] == "97214"
    assert clinic["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Monday",
            "opens": "08:00",
            "closes": "17:30",
        }
    ]
    assert clinic["sameAs"] == ["https://example.org/listing/alder", "https://social.example.org/@alder"]


def test_an_exercise_page_is_a_how_to_with_its_steps(client):
    exercise = ExerciseFactory(starting_position="Lie on your back.")
    StepFactory(exercise=exercise, position=1, instruction="Cross one ankle over the other knee.")
    StepFactory(exercise=exercise, position=2, instruction="Pull the **other** thigh in.")

    html = client.get(exercise.get_absolute_url()).content.decode()
    how_to = the_item(html, "HowTo")

    assert [step["text"] for step in how_to["step"]] == [
        "Lie on your back.",
        "Cross one ankle over the other knee.",
        "Pull the other thigh in.",
    ]
    assert [step["position"] for step in how_to["step"]] == [1, 2, 3]
    assert how_to["step"][1]["url"].endswith("#step-1") and 'id="step-1"' in html
    assert the_item(html, "MedicalWebPage")["mainEntity"] == {"@id": how_to["@id"]}


def test_content_pages_carry_breadcrumbs_from_the_home_page(client):
    article = ArticleFactory(title="Hips")
    crumbs = the_item(client.get(article.get_absolute_url()).content.decode(), "BreadcrumbList")
    assert [(item["name"], item["item"]) for item in crumbs["itemListElement"]] == [
        ("Home", "http://testserver/"),
        ("Articles", "http://testserver/articles/"),
        ("Hips", "http://testserver" + article.get_absolute_url()),
    ]


@pytest.mark.parametrize(
    "path_for",
    [
        lambda: "/",
        lambda: "/articles/",
        lambda: ArticleFactory().get_absolute_url(),
        lambda: ExerciseFactory().get_absolute_url(),
        lambda: QuizFactory().get_absolute_url(),
        lambda: ClinicianFactory().get_absolute_url(),
        lambda: make_page().get_absolute_url(),
        lambda: "/team/",
        lambda: "/privacy/",
        lambda: "/book/",
    ],
    ids=[
        "home",
        "articles",
        "article",
        "exercise",
        "self-check",
        "clinician",
        "page",
        "team",
        "privacy",
        "booking",
    ],
)
def test_every_public_page_has_a_canonical_link_sharing_tags_and_the_feed(client, path_for):
    path = path_for()
    html = client.get(path).content.decode()
    assert f'<link rel="canonical" href="http://testserver{path}">' in html
    shared = open_graph(html)
    assert shared["og:url"] == f"http://testserver{path}" and shared["og:title"] and shared["og:image"]
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert structured_items(html), "no structured data"


def test_a_page_without_a_picture_shares_one_the_site_draws(client):
    html = client.get(ArticleFactory(title="Sitting hurts: what helps").get_absolute_url()).content.decode()
    image_url = open_graph(html)["og:image"]
    assert image_url.startswith("http://testserver/share/")

    response = client.get(image_url.removeprefix("http://testserver"))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    with Image.open(BytesIO(response.content)) as image:
        assert image.size == (1200, 630)
    again = client.get(image_url.removeprefix("http://testserver"))
    assert again.content == response.content

    forged = image_url.removeprefix("http://testserver").replace("/share/", "/share/x")
    assert client.get(forged).status_code == 404


def test_sitemaps_list_only_what_search_engines_may_index(client):
    reviewer = ClinicianFactory()
    today = timezone.localdate()
    reviewed = ArticleFactory(reviewed_by=reviewer, reviewed_on=today)
    awaiting = ArticleFactory()
    quiz = QuizFactory(reviewed_by=reviewer, reviewed_on=today)
    unreviewed_quiz = QuizFactory()
    page = make_page()

    urls = sitemap_urls(client)

    assert {reviewed.get_absolute_url(), quiz.get_absolute_url(), page.get_absolute_url()} <= urls
    assert {"/team/", reviewer.get_absolute_url(), "/privacy/", "/self-check/"} <= urls
    assert awaiting.get_absolute_url() not in urls and unreviewed_quiz.get_absolute_url() not in urls


def test_a_page_shares_the_same_image_address_from_every_worker_at_any_time(client):
    path = ArticleFactory(title="Sitting hurts: what helps").get_absolute_url()
    first = open_graph(client.get(path).content.decode())["og:image"]
    # Another worker, started later, with nothing kept yet.
    share_image_url.cache_clear()
    cache.clear()
    later = time.time() + 3600
    with mock.patch("time.time", return_value=later):
        again = open_graph(client.get(path).content.decode())["og:image"]
    assert again == first


def test_a_share_image_address_shared_before_still_works(client):
    token = signing.dumps("Sitting hurts: what helps", salt="clinic.share-image", compress=True)
    response = client.get(f"/share/{token}.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"

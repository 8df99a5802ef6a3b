import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing

from booking.forms import SOURCE_SALT
from tests.factories import ArticleFactory, ClinicianFactory
from tests.structured import the_item

pytestmark = pytest.mark.django_db


def test_the_team_page_lists_the_clinicians_on_it_in_the_clinics_order(client):
    ClinicianFactory(name="Dr. Second", team_order=2, specialities="Pain with sitting")
    ClinicianFactory(name="Dr. First", team_order=1, pronouns="she/her")
    ClinicianFactory(name="Dr. Former", on_team_page=False)

    html = client.get("/team/").content.decode()

    assert html.index("Dr. First") < html.index("Dr. Second")
    assert "she/her" in html and "<li>Pain with sitting</li>" in html
    assert "Dr. Former" not in html


def test_each_team_card_has_a_portrait_and_a_link_to_book_with_that_clinician(client):
    maya = ClinicianFactory(name="Dr. Maya Lindqvist", credentials="PT, DPT")

    html = client.get("/team/").content.decode()
    booking = re.search(r'href="(/book/\?from=[^"]+)">Book a call with Maya</a>', html).group(1)

    assert '<span class="person__photo portrait-fallback" aria-hidden="true">ML</span>' in html
    assert '<p class="person__credentials">PT, DPT</p>' in html
    token = parse_qs(urlsplit(booking.replace("&amp;", "&")).query)["from"][0]
    assert signing.Signer(salt=SOURCE_SALT).unsign(token) == maya.get_absolute_url()


def test_a_clinicians_page_shows_who_they_are_and_what_they_wrote_and_checked(client):
    maya = ClinicianFactory(
        name="Dr. Maya",
        credentials="PT, DPT",
        job_title="Pelvic health physical therapist",
        pronouns="she/her",
        specialities="Hip pain\nPregnancy",
        languages="English, Spanish",
        bio="First paragraph.\n\nSecond paragraph.",
    )
    ArticleFactory(title="One Maya wrote", author=maya)
    ArticleFactory(title="One Maya checked", reviewed_by=maya, reviewed_on=datetime.date(2026, 5, 1))
    ArticleFactory(title="Draft Maya wrote", author=maya, status="draft")

    html = client.get(maya.get_absolute_url()).content.decode()

    assert "<h1>Dr. Maya, PT, DPT</h1>" in html
    assert "<p>First paragraph.</p>" in html and "<p>Second paragraph.</p>" in html
    assert "<li>Hip pain</li><li>Pregnancy</li>" in html and "English, Spanish" in html
    assert "Book a free call with Maya" in html
    assert "One Maya wrote" in html and "One Maya checked" in html
    assert "Draft Maya wrote" not in html
    person = the_item(html, "ProfilePage")["mainEntity"]
    assert person["@type"] == "Person"
    assert person["url"] == "http://testserver" + maya.get_absolute_url()
    assert person["jobTitle"] == "Pelvic health physical therapist"
    assert person["honorificSuffix"] == "PT, DPT"
    assert person["knowsLanguage"] == ["English", "Spanish"]


def test_bylines_and_review_lines_link_to_the_clinicians_pages(client):
    author, reviewer = ClinicianFactory(), ClinicianFactory()
    article = ArticleFactory(author=author, reviewed_by=reviewer, reviewed_on=datetime.date(2026, 5, 1))

    html = client.get(article.get_absolute_url()).content.decode()

    assert html.count(f'href="{author.get_absolute_url()}"') >= 2  # credits and the author box
    assert f'href="{reviewer.get_absolute_url()}"' in html


def test_an_unknown_clinician_is_404(client):
    assert client.get("/team/nobody/").status_code == 404

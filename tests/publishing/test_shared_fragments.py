"""The header and footer every page shows are rendered once per content generation and kept in the
shared cache: a change shows at once, and nothing about one visitor is kept for another."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.http import urlencode

from booking.forms import source_token
from tests.booking.request_form import request_form
from tests.clinic.test_pages import make_page
from tests.clinic.test_profile import save_profile
from tests.factories import ArticleFactory, ExerciseFactory

pytestmark = pytest.mark.django_db
BOOK = reverse("booking:request")


def header_of(html):
    return html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]


def footer_of(html):
    return html.split('<footer class="site-footer">', 1)[1].split("</footer>", 1)[0]


def test_a_profile_edit_shows_at_once_in_the_header_and_footer_of_the_booking_page(admin_client, client):
    assert "Alder Pelvic Care" not in client.get(BOOK).content.decode()  # header and footer now kept

    assert save_profile(admin_client, name="Alder Pelvic Care", phone="503-555-0199").status_code == 302

    html = client.get(BOOK).content.decode()
    assert '<span class="site-header__name">Alder Pelvic Care</span>' in header_of(html)
    assert '<p class="site-footer__name">Alder Pelvic Care</p>' in footer_of(html)
    assert "503-555-0199" in footer_of(html)


def test_a_page_published_into_the_menus_shows_at_once_on_the_booking_page(client):
    html = client.get(BOOK).content.decode()
    assert ">Fees<" not in header_of(html) and ">Fees<" not in footer_of(html)

    make_page(title="Fees", slug="fees", in_header=True, in_footer=True)

    html = client.get(BOOK).content.decode()
    assert '<a class="site-nav__link" href="/fees/">Fees</a>' in header_of(html)
    assert '<a href="/fees/">Fees</a>' in footer_of(html)


def test_the_menu_marks_only_the_page_it_is_on_as_current(client):
    make_page(title="Fees", slug="fees", in_header=True)
    make_page(title="About us", slug="about-us", in_header=True)

    for path in ("/fees/", "/about-us/", BOOK):
        header = header_of(client.get(path).content.decode())
        for link in ("/fees/", "/about-us/"):
            current = f'href="{link}" aria-current="page"' in header
            assert current == (link == path), (path, link)


def test_the_booking_button_carries_the_address_of_the_page_it_is_on(client):
    for article in ArticleFactory.create_batch(2):
        path = article.get_absolute_url()
        expected = f"{BOOK}?{urlencode({'from': source_token(path)})}".replace("&", "&amp;")
        assert f'href="{expected}"' in header_of(client.get(path).content.decode())


def test_nothing_about_a_visitor_is_kept_in_a_shared_fragment(client, admin_client, admin_user):
    kept = []
    keep = cache.set

    def recording(key, value, *args, **kwargs):
        if key.startswith("template.cache."):
            kept.append(value)
        return keep(key, value, *args, **kwargs)

    with mock.patch.object(cache, "set", recording):
        client.get(BOOK, {"from": source_token("/articles/tight-hips/")})
        answered = client.post(
            BOOK, request_form(first_name="Zebedee", email="not-an-address", phone="555 0142")
        )
        admin_client.get(BOOK)
        admin_client.get("/")

    assert answered.status_code == 200  # the form shown again, with what was typed
    assert kept, "the header and footer are kept"
    visitor_details = [
        "Zebedee", "not-an-address", "555 0142", "tight-hips", admin_user.username, "csrf", "started",
        client.cookies["csrftoken"].value,
    ]  # fmt: skip
    for fragment in kept:
        assert not [detail for detail in visitor_details if detail in fragment]


def test_a_card_shows_an_edit_at_once_wherever_it_was_kept(client):
    exercise = ExerciseFactory(name="Clamshell", summary="Side-lying hip opener.")
    search = reverse("articles:search") + "?q=clamshell"
    assert "Side-lying hip opener." in client.get(search).content.decode()

    exercise.summary = "Lying on your side, open the knees."
    exercise.save()

    html = client.get(search).content.decode()
    assert "Lying on your side, open the knees." in html and "Side-lying hip opener." not in html

"""Answers a client can rely on: 405 with Allow for a method a page does not answer, and the
site's own page when a form fails its CSRF check."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.booking.request_form import request_form
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("put", "/newsletter/", {"GET", "HEAD", "POST", "OPTIONS"}),
        ("put", "/book/", {"GET", "HEAD", "POST", "OPTIONS"}),
        ("post", "/articles/feed/", {"GET", "HEAD"}),
        ("post", "/sitemap.xml", {"GET", "HEAD"}),
        ("post", "/robots.txt", {"GET", "HEAD", "OPTIONS"}),
        ("delete", "/health/", {"GET", "HEAD"}),
        ("post", "/manifest.webmanifest", {"GET", "HEAD"}),
        ("post", "/service-worker.js", {"GET", "HEAD"}),
        ("delete", "/articles/", {"GET", "HEAD", "OPTIONS"}),
        ("post", "/exercises/catalog.json", {"GET", "HEAD"}),
        ("patch", "/self-check/", {"GET", "HEAD", "OPTIONS"}),
    ],
)
def test_a_method_a_page_does_not_answer_gets_405_with_allow(method, path, allowed):
    ArticleFactory()
    response = getattr(Client(enforce_csrf_checks=True), method)(path)
    assert response.status_code == 405, path
    assert {name.strip() for name in response["Allow"].split(",")} == allowed


def test_a_form_without_its_csrf_cookie_gets_the_sites_own_explanation(clinic_profile):
    clinic_profile.phone = "503-555-0100"
    clinic_profile.save()
    browser_without_cookies = Client(enforce_csrf_checks=True)

    response = browser_without_cookies.post(reverse("booking:request"), request_form())

    html = response.content.decode()
    assert response.status_code == 403
    assert "Your form was not sent" in html and "Allow cookies for this site" in html
    assert 'href="/book/"' in html and 'href="tel:503-555-0100"' in html
    assert "CSRF verification failed" not in html

"""A page rendered for a forged Host header (the allowed-hosts check ignores ports) is never served
to anyone else: Django's page cache keys each page on the host it was asked for."""

import pytest
from django.test import Client
from django.utils import timezone

from publishing.caching import content_changed
from tests.factories import ArticleFactory, ClinicianFactory, ExerciseFactory

pytestmark = pytest.mark.django_db
FORGED_HOSTS = ["localhost:1337", "testserver:8443", "127.0.0.1:1"]


@pytest.fixture
def pages():
    article = ArticleFactory(reviewed_by=ClinicianFactory(), reviewed_on=timezone.localdate())
    exercise = ExerciseFactory()
    return [
        article.get_absolute_url(),
        exercise.get_absolute_url(),
        "/robots.txt",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-sections.xml",
        "/articles/feed/",
    ]


@pytest.mark.parametrize("forged", FORGED_HOSTS)
def test_a_forged_host_cannot_steer_what_everyone_is_served(settings, pages, forged):
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
    content_changed()  # every page renders afresh, for the forged requests first
    attacker = Client(HTTP_HOST=forged)
    for path in pages:
        for _ in range(3):
            attacker.get(path)

    visitor = Client()
    for path in pages:
        html = visitor.get(path).content.decode()
        assert forged not in html, path
        assert "http://testserver/" in html, path

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory, ExerciseFactory

pytestmark = pytest.mark.django_db
PROJECT_DIR = Path(__file__).resolve().parents[2]
# Every kind of page a visitor can open on the demo site without a personal link.
DEMO_PAGES = [
    "/",
    "/articles/",
    "/articles/topics/hip-pain/",
    "/articles/search/?q=hip",
    "/articles/search/?q=",
    "/articles/is-a-tight-pelvic-floor-causing-your-hip-pain/",
    "/exercises/",
    "/exercises/?kind=stretch&region=nowhere",
    "/exercises/figure-4-stretch/",
    "/exercises/my-routine/",
    "/book/",
    "/book/call/",
    "/newsletter/",
    "/self-check/is-my-hip-pain-pelvic-floor-related/",
    "/offline/",
    "/book/thank-you/",
    "/newsletter/thank-you/",
    "/self-check/",
    "/no-such-page/",
]


def test_home_shows_latest_articles_featured_exercises_and_booking_link(client):
    article = ArticleFactory(title="Why hips get tight")
    ExerciseFactory(name="Figure-4 stretch", is_featured=True)
    ExerciseFactory(name="Hidden extra", is_featured=False)

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Why hips get tight" in html
    assert article.get_absolute_url() in html
    assert "Figure-4 stretch" in html
    assert "Hidden extra" not in html
    assert reverse("booking:request") in html


@pytest.mark.parametrize("path", DEMO_PAGES)
def test_every_page_has_skip_link_navigation_and_disclaimer(demo, client, path):
    html = client.get(path).content.decode()
    assert 'href="#main"' in html
    assert '<nav class="site-nav" aria-label="Main">' in html
    assert "education, not diagnosis" in html


def test_current_section_is_marked_in_navigation(client):
    html = client.get(reverse("articles:list")).content.decode()
    assert f'href="{reverse("articles:list")}" aria-current="page"' in html
    assert f'href="{reverse("exercises:list")}" aria-current="page"' not in html


def test_unknown_page_gets_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "couldn't find that page" in response.content.decode()


def test_robots_txt_is_plain_text_and_keeps_admin_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.content.decode()


def test_favicon_is_served_at_the_site_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


@pytest.mark.django_db(transaction=True)
def test_a_load_balancer_probing_by_address_over_http_gets_the_health_answer(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/health/", HTTP_HOST="10.0.3.17:8000")
    assert (response.status_code, response.content) == (200, b"ok\n")
    # Every other page still refuses unknown hosts and plain HTTP.
    assert client.get("/", HTTP_HOST="10.0.3.17:8000").status_code == 400
    assert client.get("/").status_code == 301


# The health check briefly takes SQLite's write lock, which it cannot inside a test transaction.
@pytest.mark.django_db(transaction=True)
def test_health_answers_ok_while_the_database_answers(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def run_without_database(tmp_path, check):
    """Run `check` (Python, given a test client as `client`) in a fresh process whose database
    file cannot be opened. Django reads its database settings once, at start-up."""
    unreachable = tmp_path / "missing-dir" / "db.sqlite3"
    script = f"import django; django.setup(); from django.test import Client; client = Client(); {check}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{unreachable}",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    return result.stdout.strip(), result.stderr[-2000:]


def test_health_answers_503_when_the_database_is_unreachable(tmp_path):
    output, errors = run_without_database(
        tmp_path, "r = client.get('/health/'); print(r.status_code, r.content.decode().strip())"
    )
    assert output == "503 database unreachable", errors


def test_server_error_page_is_in_the_site_look(client, settings):
    settings.ROOT_URLCONF = "tests.hipcare.failing_urls"
    client.raise_request_exception = False

    response = client.get("/boom/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "something went wrong on our side" in html
    assert 'class="site-footer"' in html


def test_pages_say_try_again_shortly_when_the_database_is_down(tmp_path):
    output, errors = run_without_database(
        tmp_path,
        "r = client.get('/articles/');"
        "print(r.status_code, r['Retry-After'], 'back in a moment' in r.content.decode())",
    )
    assert output == "503 30 True", errors


@pytest.mark.parametrize("path", DEMO_PAGES)
def test_pages_show_no_template_internals(demo, client, path):
    """A method named in a template without its call, or a misspelt name, would show up as text
    such as "<bound method ...>" or nothing at all; the demo pages show neither."""
    html = client.get(path).content.decode()
    for leak in ("bound method", "&lt;function", "object at 0x", "Undefined", "None</"):
        assert leak not in html, (path, leak)
    assert 'href=""' not in html and 'src=""' not in html


def test_pages_render_the_same_in_development(client, settings):
    """A name a page does not set (the article list sets no search query for its page links)
    shows as nothing with DEBUG on too, not as the template's own text."""
    settings.DEBUG = True
    ArticleFactory.create_batch(13)
    html = client.get("/articles/").content.decode()
    assert 'href="?page=2"' in html
    assert "{{" not in html

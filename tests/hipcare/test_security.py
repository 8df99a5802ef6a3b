"""Secure by default: production settings pass Django's deployment checks, and every response
carries headers that stop a page doing more than it should."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import ArticleFactory
from tests.insights.test_what_counts import every_route

pytestmark = pytest.mark.django_db
PROJECT_DIR = Path(__file__).resolve().parents[2]


def production_env(**overrides):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "hipcare.settings",
            "DJANGO_SECRET_KEY": "x" * 20 + "-a-real-production-secret-key-0123456789",
            "DJANGO_ALLOWED_HOSTS": "clinic.example",
            "SITE_URL": "https://clinic.example",
            "CLINIC_EMAIL": "hello@clinic.example",
            "DATABASE_URL": "sqlite:///:memory:",
        }
    )
    env.update(overrides)
    return env


def test_production_settings_pass_the_deployment_checks():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_deployment_checks_fail_when_site_url_names_a_host_the_site_refuses():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=PROJECT_DIR,
        env=production_env(SITE_URL="https://www.other-clinic.example"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "operations.E001" in result.stderr


def test_production_redirects_to_https_with_hsts_and_secure_cookies():
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["True", "True", "True", "31536000"], result.stderr


def test_a_proxy_header_is_trusted_only_when_named():
    script = "import django; django.setup(); from django.conf import settings as s; print(s.SECURE_PROXY_SSL_HEADER)"
    named = production_env(DJANGO_PROXY_SSL_HEADER="X-Forwarded-Proto")
    run = lambda env: subprocess.run(  # noqa: E731
        [sys.executable, "-c", script], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=60
    ).stdout.strip()
    assert run(production_env()) == "None"
    assert run(named) == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_patient_pages_forbid_inline_and_third_party_code(client):
    response = client.get(ArticleFactory().get_absolute_url())
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().partition(" ")[::2] for part in policy.split(";"))
    # Scripts, styles and the rest fall back to default-src: only this site, nothing inline.
    assert directives["default-src"] == "'self'"
    assert not {"script-src", "style-src", "connect-src", "font-src"} & set(directives)
    assert (
        "unsafe-inline" not in policy and "object-src 'none'" in policy and "frame-ancestors 'self'" in policy
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    # The screen wake lock (guided exercises) keeps its default: this site's own pages.
    assert (
        "camera=()" in response["Permissions-Policy"]
        and "screen-wake-lock" not in response["Permissions-Policy"]
    )


def test_every_response_forbids_framing_by_other_sites_with_the_csp_alone(client, admin_client):
    """Every browser that runs the CSP obeys its frame-ancestors and ignores X-Frame-Options, so
    the one header says it, on every address of the URL configuration, for visitors and staff."""
    routes = [path for _, path in every_route()] + ["/no-such-page/"]
    for visitor in (client, admin_client):
        for path in routes:
            response = visitor.get(path)
            assert "frame-ancestors 'self'" in response["Content-Security-Policy"], path
            assert not response.has_header("X-Frame-Options"), path


def test_only_staff_tools_allow_inline_code(admin_client):
    policy = admin_client.get("/admin/")["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy


def test_uploaded_images_are_served_so_they_can_never_act_as_pages(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "uploads").mkdir()
    (tmp_path / "uploads" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "uploads" / "trap.html").write_text("<script>alert(1)</script>")
    (tmp_path.parent / "outside.png").write_bytes(b"\x89PNG")

    image = client.get("/media/uploads/photo.png")

    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
    assert image["X-Content-Type-Options"] == "nosniff"
    assert image["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert client.get("/media/uploads/trap.html").status_code == 404
    assert client.get("/media/../outside.png").status_code == 404
    assert client.get("/media/uploads/%2e%2e/%2e%2e/outside.png").status_code == 404


@pytest.mark.urls("hipcare.urls")
def test_with_debug_off_the_site_leaves_uploads_to_the_proxy(client, settings, tmp_path):
    """The tests' URLs add the development media view; the site's own, with DEBUG off, do not."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "uploads").mkdir()
    (tmp_path / "uploads" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert client.get("/media/uploads/photo.png").status_code == 404

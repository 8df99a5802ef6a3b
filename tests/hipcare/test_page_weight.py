"""Weight budgets for a phone on a weak signal: each page type's HTML, CSS and JS together stay
under 30 KB compressed, and the HTML plus its stylesheet fit the first 14 KB round trip."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db
PAGES = [
    "/",
    "/articles/",
    "/articles/topics/hip-pain/",
    "/articles/search/?q=hip",
    "/articles/is-a-tight-pelvic-floor-causing-your-hip-pain/",
    "/exercises/",
    "/exercises/figure-4-stretch/",
    "/book/",
    "/self-check/is-my-hip-pain-pelvic-floor-related/",
    "/team/",
    "/team/maya-lindqvist/",
]


def compressed(data):
    return len(gzip.compress(data, compresslevel=6))


def asset(url):
    with open(finders.find(url.removeprefix("/static/")), "rb") as file:
        return file.read()


@pytest.mark.parametrize("path", PAGES)
def test_page_weight_is_within_budget(client, demo, path):
    html = client.get(path).content
    stylesheets = re.findall(rb'<link rel="stylesheet" href="([^"]+)"( media="[^"]+")?', html)
    scripts = re.findall(rb'<script src="([^"]+)"', html)
    css = b"".join(asset(url.decode()) for url, _media in stylesheets)
    # A stylesheet for wider screens (the laptop layout) never holds up a phone's first paint.
    phone_css = b"".join(asset(url.decode()) for url, media in stylesheets if not media)
    scripts_size = sum(compressed(asset(url.decode())) for url in scripts)

    assert compressed(html) + compressed(css) + scripts_size <= 30 * 1024
    assert compressed(html) + compressed(phone_css) <= 14 * 1024
    loaded = re.findall(
        rb'<(?:script|link|img|source|iframe)[^>]+(?:src|href|srcset)="(https?://[^/"]+)', html
    )
    assert all(origin == b"http://testserver" for origin in loaded), "no third-party requests"

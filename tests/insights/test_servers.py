"""Views counted through real servers: N views of a page, as browsers make them (the page, then its
beacon), through the shipped nginx micro-cache and through the site alone, each count within 2 %
of N. Every count is in the database before the visitor is answered, so the totals are read while
the servers still run: nothing waits in a worker to be lost if it were killed."""

import os
import sqlite3
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import site_under_gunicorn
from tests.insights.reading import beacon_of
from tests.server import NGINX, start_proxy
from tests.visitor import fetch

ARTICLE = "/articles/breathing-and-the-pelvic-floor/"
EXERCISE = "/exercises/glute-bridge/"
PHONE = {
    "User-Agent": "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
}
VIEWS = 150


def view(base, path):
    """One view as a browser makes it: (how the page was served, beacon status)."""
    status, page, headers = fetch(base + path, headers=PHONE)
    assert status == 200
    request = urllib.request.Request(base + beacon_of(page), headers={**PHONE, "Referer": base + path})
    with urllib.request.urlopen(request, timeout=60) as beacon:  # noqa: S310 - loopback
        assert beacon.read().startswith(b"GIF") and "no-store" in beacon.headers["Cache-Control"]
        return headers.get("X-Cache", "site"), beacon.status, beacon.headers.get("X-Cache")


def counted(database, path):
    with sqlite3.connect(database) as connection:
        (total,) = connection.execute(
            "SELECT COALESCE(SUM(count), 0) FROM insights_dailycount WHERE kind = 'view' AND key = ?", [path]
        ).fetchone()
    return total


def many_views(base, path):
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda _: view(base, path), range(VIEWS)))


def test_views_through_the_site_alone_and_through_the_shipped_micro_cache_are_each_counted(tmp_path):
    if NGINX is None and os.environ.get("CI") != "true":
        pytest.skip("nginx is not installed (Debian: apt-get install nginx)")
    with site_under_gunicorn(tmp_path, "--workers", "2") as (app, database):
        alone = many_views(app, ARTICLE)
        assert counted(database, ARTICLE) == pytest.approx(VIEWS, rel=0.02)

        proxy, base = start_proxy(app, tmp_path / "nginx", cache_status_header=True)
        try:
            proxied = many_views(base, EXERCISE)
        finally:
            proxy.terminate()
            proxy.wait(timeout=10)
        served_by_the_cache = sum(page == "HIT" or page == "UPDATING" for page, _, _ in proxied)
        assert served_by_the_cache > VIEWS / 2, "the micro-cache served too few pages to show anything"
        assert {beacon for _, _, beacon in proxied} == {"MISS"}  # nginx never kept a beacon's answer
        assert counted(database, EXERCISE) == pytest.approx(VIEWS, rel=0.02)
    assert {status for _, status, _ in alone + proxied} == {200}

"""Limits on public forms hold across every worker of a production server."""

import http.client
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

import pytest

from tests.conftest import site_under_gunicorn

POSTS = 30


def sign_up(base, number, start, outcomes):
    body = urllib.parse.urlencode({"email": f"reader{number}@example.com"}).encode()
    start.wait(timeout=30)
    try:
        with urllib.request.urlopen(base + "/newsletter/", body, timeout=30) as response:  # noqa: S310 - loopback
            outcomes.append(response.status)
    except urllib.error.HTTPError as error:
        outcomes.append(error.code)


def test_the_rate_limit_holds_across_the_workers_of_make_serve(tmp_path):
    """Thirty sign-ups at once from one address, against as many workers as `make serve` starts
    on this machine (at least two): five get through, however the posts are spread."""
    with site_under_gunicorn(tmp_path, "--workers", "4", FORM_RATE_LIMIT_PER_MINUTE="5") as (base, _):
        # Limits count per clock minute: posts that straddle one would meet two limits of five.
        if time.time() % 60 > 45:
            time.sleep(61 - time.time() % 60)
        start, outcomes = threading.Barrier(POSTS), []
        posts = [threading.Thread(target=sign_up, args=(base, n, start, outcomes)) for n in range(POSTS)]
        for post in posts:
            post.start()
        for post in posts:
            post.join(timeout=60)
    assert Counter(outcomes) == {200: 5, 429: 25}


def test_a_huge_post_is_refused_before_it_is_read(tmp_path):
    """A 300 MB file part posted to the newsletter form: gunicorn alone in front, the answer is
    413 after the first megabyte, and the rest is never sent."""
    with site_under_gunicorn(tmp_path, "--workers", "1") as (base, _):
        host, port = urllib.parse.urlsplit(base).netloc.split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        connection.putrequest("POST", "/newsletter/")
        connection.putheader("Content-Type", "multipart/form-data; boundary=x")
        connection.putheader("Content-Length", str(300 * 1024 * 1024))
        connection.endheaders()
        connection.send(b'--x\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\n\r\n')
        connection.send(b"\0" * 1024 * 1024)
        response = connection.getresponse()
        assert response.status == 413
        assert "too much to send" in response.read().decode()
        connection.close()
        assert urllib.request.urlopen(base + "/health/", timeout=10).status == 200  # noqa: S310 - loopback


@pytest.mark.django_db
def test_staff_uploads_may_be_larger_than_public_forms(client, admin_client):
    body = {"content": "x" * (2 * 1024 * 1024)}
    assert client.post("/newsletter/", body).status_code == 413
    # Not refused for its size: the upload view reads it, and says no image came with it.
    assert admin_client.post("/markdownx/upload/", body).status_code != 413

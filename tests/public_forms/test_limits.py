"""Limits on public forms hold across every worker of a production server."""

import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

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
        start, outcomes = threading.Barrier(POSTS), []
        posts = [threading.Thread(target=sign_up, args=(base, n, start, outcomes)) for n in range(POSTS)]
        for post in posts:
            post.start()
        for post in posts:
            post.join(timeout=60)
    assert Counter(outcomes) == {200: 5, 429: 25}

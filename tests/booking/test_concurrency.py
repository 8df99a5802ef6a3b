"""Fifty visitors sending the booking form at the same moment to a real server process.

gunicorn serves the production settings with a file-backed SQLite database (WAL mode), so the
writes really contend; every visitor must get the thank-you page and every request must be saved.
"""

import http.cookiejar
import re
import sqlite3
import threading
import urllib.parse
import urllib.request

VISITORS = 50


def book_a_call(base, number, start, outcomes):
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    try:
        with opener.open(base + "/book/", timeout=30) as response:
            page = response.read().decode()
        fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
        fields.update(
            first_name=f"Visitor {number}",
            email=f"visitor{number}@example.com",
            preferred_time="any",
            has_consented="on",
        )
        body = urllib.parse.urlencode(fields).encode()
        start.wait(timeout=30)
        with opener.open(urllib.request.Request(base + "/book/", data=body), timeout=60) as response:
            outcomes[number] = (
                response.status,
                response.url,
                "We have your request" in response.read().decode(),
            )
    except Exception as error:  # the test reports every failure, not just the first
        outcomes[number] = repr(error)


def test_fifty_simultaneous_visitors_are_all_saved(running_server):
    base, database = running_server
    start = threading.Barrier(VISITORS)
    outcomes = {}
    visitors = [
        threading.Thread(target=book_a_call, args=(base, n, start, outcomes)) for n in range(VISITORS)
    ]
    for visitor in visitors:
        visitor.start()
    for visitor in visitors:
        visitor.join(timeout=120)

    failures = {
        n: outcome for n, outcome in outcomes.items() if outcome != (200, base + "/book/thank-you/", True)
    }
    assert len(outcomes) == VISITORS and failures == {}
    with sqlite3.connect(database) as connection:
        saved = connection.execute("SELECT COUNT(DISTINCT email) FROM booking_bookingrequest").fetchone()[0]
    assert saved == VISITORS

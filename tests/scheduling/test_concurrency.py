"""Twenty visitors trying to book the same time at once against a real server process."""

import http.cookiejar
import re
import sqlite3
import threading
import urllib.parse
import urllib.request

from tests.visitor import visitor_name

ATTEMPTS = 20


def try_to_book(base, day, number, start, outcomes):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    try:
        with opener.open(f"{base}/book/call/?day={day}", timeout=30) as response:
            page = response.read().decode()
        fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
        slot = re.search(r'name="slot" id="slot-1" value="([^"]+)"', page).group(1)
        fields.update(
            slot=slot,
            first_name=visitor_name(number),
            email=f"visitor{number}@example.com",
            phone="503 555 0100",
            has_consented="on",
        )
        start.wait(timeout=30)
        request = urllib.request.Request(
            f"{base}/book/call/?day={day}", data=urllib.parse.urlencode(fields).encode()
        )
        try:
            with opener.open(request, timeout=60) as response:
                outcomes[number] = (
                    ("booked", slot) if "You're booked!" in response.read().decode() else ("?", slot)
                )
        except urllib.error.HTTPError as answer:
            body = answer.read().decode()
            outcomes[number] = (
                ("taken", slot)
                if answer.code == 409 and "Please pick another" in body
                else (answer.code, slot)
            )
    except Exception as error:  # every failure is reported, not just the first
        outcomes[number] = (repr(error), None)


def test_one_time_raced_by_twenty_visitors_is_booked_once(running_server):
    base, database = running_server
    with urllib.request.urlopen(f"{base}/book/call/", timeout=30) as response:
        day = re.search(r'href="\?day=([\d-]+)#times"', response.read().decode()).group(1)
    start = threading.Barrier(ATTEMPTS)
    outcomes = {}
    visitors = [
        threading.Thread(target=try_to_book, args=(base, day, n, start, outcomes)) for n in range(ATTEMPTS)
    ]
    for visitor in visitors:
        visitor.start()
    for visitor in visitors:
        visitor.join(timeout=120)

    results = sorted(result for result, _ in outcomes.values())
    assert len({slot for _, slot in outcomes.values()}) == 1, outcomes
    assert results == ["booked"] + ["taken"] * (ATTEMPTS - 1), outcomes
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT COUNT(*) FROM scheduling_introcall").fetchone()[0] == 1

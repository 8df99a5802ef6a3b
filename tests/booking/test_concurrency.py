"""Fifty visitors sending the booking form at the same moment to a real server process.

gunicorn serves the production settings with a file-backed SQLite database (WAL mode), so the
writes really contend; every visitor must get the thank-you page and every request must be saved.
"""

import sqlite3
import threading

import pytest
from django.db import connection, transaction

from booking.models import BookingRequest
from booking.services import booking_request_create
from tests.visitor import open_booking_form, send_booking, visitor_name

VISITORS = 50


def book_a_call(base, number, start, outcomes):
    try:
        form_state = open_booking_form(base)
        start.wait(timeout=30)
        status, page, _ = send_booking(base, form_state, visitor_name(number))
        outcomes[number] = (status, "We have your request" in page)
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

    failures = {n: outcome for n, outcome in outcomes.items() if outcome != (200, True)}
    assert len(outcomes) == VISITORS and failures == {}
    with sqlite3.connect(database) as connection:
        saved = connection.execute("SELECT COUNT(DISTINCT email) FROM booking_bookingrequest").fetchone()[0]
    assert saved == VISITORS


# SQLite starts every write transaction by taking the database's one write lock (IMMEDIATE), so the
# second submission waits by construction; the in-memory test database locks differently anyway.
@pytest.mark.skipif(connection.vendor == "sqlite", reason="PostgreSQL only: SQLite writes one at a time")
@pytest.mark.django_db(transaction=True)
def test_one_address_sending_twice_at_once_makes_one_request():
    """The first submission is saved but not yet committed when the second, the same, arrives (a
    double tap on a slow connection, or two tabs): the second must wait and find it, not add a
    twin."""
    first_saved, first_may_commit = threading.Event(), threading.Event()
    details = {
        "email": "twice@example.com",
        "phone": "",
        "preferred_time": "any",
        "has_consented": True,
        "wants_newsletter": False,
        "source_path": "",
    }

    def first():
        try:
            with transaction.atomic():
                booking_request_create(first_name="Sam", **details)
                first_saved.set()
                first_may_commit.wait(timeout=10)
        finally:
            connection.close()

    def second():
        first_saved.wait(timeout=10)
        try:
            booking_request_create(first_name="Sam", **details)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_saved.wait(timeout=10)
    threads[1].join(timeout=0.5)  # without a lock the second would have saved a twin by now
    first_may_commit.set()
    for thread in threads:
        thread.join(timeout=20)

    assert BookingRequest.objects.count() == 1

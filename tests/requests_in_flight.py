"""The test server's requests, counted and taken one at a time, so that on SQLite a browser test
and the server it drives take turns with their one shared connection (see
`tests/browser/conftest.py`)."""

import threading
import time
from contextlib import contextmanager, nullcontext

# Held by the server for each request, and by a browser test for each of its own queries, while
# `turns_taken()` lasts; other tests race requests on purpose.
database_turn = threading.RLock()
_taking_turns = False
_changed = threading.Condition()
_in_flight = 0


def counted(get_response):
    """Middleware, first in the test settings' list."""

    def middleware(request):
        global _in_flight
        with _changed:
            _in_flight += 1
        try:
            with database_turn if _taking_turns else nullcontext():
                return get_response(request)
        finally:
            with _changed:
                _in_flight -= 1
                _changed.notify_all()

    return middleware


@contextmanager
def turns_taken():
    global _taking_turns
    _taking_turns = True
    try:
        yield
    finally:
        _taking_turns = False


def wait_until_idle(timeout=10, settle=0.05):
    """Returns once no request has been in progress for `settle` seconds, or after `timeout`: a
    request the browser sent just before it closed may still be on its way to a server thread."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with _changed:
            _changed.wait_for(lambda: _in_flight == 0, max(0, deadline - time.monotonic()))
        time.sleep(settle)
        with _changed:
            if _in_flight == 0:
                return

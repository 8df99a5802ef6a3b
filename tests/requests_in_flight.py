"""Counts the requests the test server is answering, so a browser test can end only once the
server has finished every request the browser made (see `tests/browser/conftest.py`)."""

import threading
import time

_changed = threading.Condition()
_in_flight = 0


def counted(get_response):
    """Middleware, first in the test settings' list."""

    def middleware(request):
        global _in_flight
        with _changed:
            _in_flight += 1
        try:
            return get_response(request)
        finally:
            with _changed:
                _in_flight -= 1
                _changed.notify_all()

    return middleware


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

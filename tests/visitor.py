"""A visitor's browser against a running server (see the `running_server` fixture): plain HTTP
through urllib, following redirects, with the booking form filled in as a person would."""

import re
import urllib.error
import urllib.parse
import urllib.request


def fetch(url, data=None, headers=None):
    """(status, body, headers) for a GET, or a form POST when `data` is given."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


def open_booking_form(base):
    """What a browser holds after loading the booking page: its hidden fields (CSRF token, the
    signed time the form was shown) and its CSRF cookie."""
    status, page, headers = fetch(base + "/book/")
    assert status == 200
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
    return hidden, headers["Set-Cookie"].split(";")[0]


def send_booking(base, form_state, first_name):
    """Send the booking form opened by `open_booking_form`; (status, body, headers) of the page
    the visitor ends on."""
    hidden, cookie = form_state
    form = {
        **hidden,
        "first_name": first_name,
        "email": f"{first_name.lower().replace(' ', '')}@example.com",
        "preferred_time": "any",
        "has_consented": "on",
    }
    return fetch(base + "/book/", form, {"Cookie": cookie, "Referer": base + "/book/"})


def visitor_name(number):
    """A first name of letters only, as the forms accept, different for every number."""
    return "Visitor " + "".join("abcdefghij"[int(digit)] for digit in str(number))

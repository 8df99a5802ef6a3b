"""What the intro-call request form sends, filled in as a visitor would, for tests in any app."""

from booking.forms import source_token
from public_forms.forms import started_token


def request_form(**changes):
    data = {
        "first_name": "Sam",
        "email": "sam@example.com",
        "phone": "",
        "preferred_time": "weekday-morning",
        "has_consented": "on",
        "source": source_token("/articles/tight-hips/"),
        "started": started_token(),
        "website": "",
    }
    data.update(changes)
    return data

import pytest
from django.urls import reverse

from booking.models import BookingRequest

pytestmark = pytest.mark.django_db
VALID = {"first_name": "Sam", "email": "sam@example.com", "phone": "", "has_consented": "on"}


def test_valid_request_is_saved_and_redirects_to_thank_you(client):
    response = client.post(reverse("booking:request"), VALID)

    assert response.status_code == 302
    assert response["Location"] == reverse("booking:thanks")
    saved = BookingRequest.objects.get()
    assert (saved.first_name, saved.email, saved.status) == ("Sam", "sam@example.com", "new")
    assert "We have your request" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": ""}, "Email address is required."),
        ({"email": "not-an-email"}, "Please enter an email address like name@example.com."),
        ({"first_name": ""}, "Please tell us your first name."),
        ({"has_consented": ""}, "Please tick this box so we may contact you about your call."),
    ],
)
def test_invalid_request_says_what_to_fix_and_keeps_what_was_typed(client, changes, message):
    response = client.post(reverse("booking:request"), {**VALID, **changes})

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count(message) == 2  # once in the summary, once beside the field
    assert "Please fix 1 thing below" in html
    if changes.get("first_name") is None:
        assert 'value="Sam"' in html
    assert not BookingRequest.objects.exists()

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

pytestmark = pytest.mark.django_db
LOGIN = reverse("admin:login")
PASSWORD = "a-long-enough-passphrase"


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True)


def log_in(client, password):
    return client.post(LOGIN, {"username": "editor", "password": password, "next": "/admin/"})


def test_the_right_password_signs_in(client, staff_user):
    assert log_in(client, PASSWORD).status_code == 302


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, staff_user):
    for _ in range(4):
        assert log_in(client, "guess").status_code == 200
    assert log_in(client, "guess").status_code == 429
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert "Sign-in paused" in response.content.decode()


def test_behind_a_proxy_a_lockout_holds_only_the_guessing_address(client, staff_user, settings):
    settings.TRUSTED_PROXIES = 1
    guesser = {"HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    for _ in range(5):
        client.post(LOGIN, {"username": "editor", "password": "guess"}, **guesser)
    assert client.post(LOGIN, {"username": "editor", "password": PASSWORD}, **guesser).status_code == 429

    at_the_clinic = {"HTTP_X_FORWARDED_FOR": "192.0.2.44"}
    assert (
        client.post(LOGIN, {"username": "editor", "password": PASSWORD}, **at_the_clinic).status_code == 302
    )


def test_short_or_common_passwords_are_refused(staff_user):
    for weak in ["short1", "password1234", "12345678901234"]:
        with pytest.raises(ValidationError):
            validate_password(weak, staff_user)


def test_staff_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE

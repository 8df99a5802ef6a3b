from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import F
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


def sign_in_from(client, address, password):
    return client.post(
        LOGIN, {"username": "editor", "password": password}, HTTP_X_FORWARDED_FOR=address
    ).status_code


def test_guesses_spread_over_many_addresses_lock_the_username_everywhere(client, staff_user, settings):
    settings.TRUSTED_PROXIES = 1
    guessers = ["198.51.100.7", "198.51.100.8", "198.51.100.9"]
    for attempt in range(12):
        sign_in_from(client, guessers[attempt % 3], "guess")

    assert sign_in_from(client, "203.0.113.4", PASSWORD) == 429


def test_a_locked_username_signs_in_again_after_the_cool_off_or_a_reset(client, staff_user, settings):
    settings.TRUSTED_PROXIES = 1
    for _ in range(5):
        sign_in_from(client, "198.51.100.7", "guess")
    assert sign_in_from(client, "192.0.2.44", PASSWORD) == 429

    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(hours=1, minutes=1))
    assert sign_in_from(client, "192.0.2.44", PASSWORD) == 302

    for _ in range(5):
        sign_in_from(client, "198.51.100.7", "guess")
    call_command("axes_reset_username", "editor")
    assert sign_in_from(client, "192.0.2.44", PASSWORD) == 302


def test_the_clinics_own_addresses_are_never_locked_out(client, staff_user, settings):
    settings.TRUSTED_PROXIES = 1
    settings.AXES_IP_WHITELIST = ["192.0.2.44"]
    settings.AXES_NEVER_LOCKOUT_WHITELIST = True
    for _ in range(20):
        sign_in_from(client, "198.51.100.7", "guess")

    assert sign_in_from(client, "198.51.100.7", PASSWORD) == 429
    assert sign_in_from(client, "192.0.2.44", PASSWORD) == 302


def test_short_or_common_passwords_are_refused(staff_user):
    for weak in ["short1", "password1234", "12345678901234"]:
        with pytest.raises(ValidationError):
            validate_password(weak, staff_user)


def test_staff_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE

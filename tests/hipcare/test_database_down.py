"""With the whole database unreachable, a booking form sent meanwhile comes back with what the
visitor typed and a request to send it again: for the request form and the call-booking form."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from tests.booking.request_form import request_form
from tests.scheduling.calls import call_form, every_free_time

pytestmark = pytest.mark.django_db


def database_down():
    """Every query fails, as when the database server is gone."""
    return mock.patch.object(
        BaseDatabaseWrapper, "ensure_connection", side_effect=OperationalError("could not connect to server")
    )


def test_the_request_form_keeps_what_was_typed(settings):
    visitor = Client()
    with database_down():
        response = visitor.post("/book/", request_form(first_name="Robin", phone="503 555 0100"))
    html = response.content.decode()
    assert response.status_code == 503
    assert "your request was not saved" in html
    assert 'value="Robin"' in html and 'value="503 555 0100"' in html and 'value="sam@example.com"' in html


def test_the_call_booking_form_keeps_what_was_typed(every_day_nine_to_ten):
    first = every_free_time()[0]
    visitor = Client()
    with database_down():
        response = visitor.post("/book/call/", call_form(first.starts_at, first_name="Robin"))
    html = response.content.decode()
    assert response.status_code == 503
    assert "nothing was booked" in html
    assert 'value="Robin"' in html and 'value="sam@example.com"' in html
    assert f'value="{first.starts_at.isoformat()}" checked' in html

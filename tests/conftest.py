import pytest
from django.test import Client

from tests.factories import StaffFactory


@pytest.fixture
def staff_client(db):
    """A signed-in staff member, separate from the anonymous `client`."""
    staff = Client()
    staff.force_login(StaffFactory())
    return staff

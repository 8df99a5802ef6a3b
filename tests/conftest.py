import pytest
from django.core.cache import cache
from django.test import Client

from tests.factories import StaffFactory


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_client(db):
    """A signed-in staff member, separate from the anonymous `client`."""
    staff = Client()
    staff.force_login(StaffFactory())
    return staff

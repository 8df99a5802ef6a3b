import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from tests.factories import StaffFactory


@pytest.fixture
def roles(db):
    call_command("setup_roles", verbosity=0)


@pytest.fixture
def client_in(roles):
    """A signed-in client for a staff member in the named group."""

    def make(group_name, **user_fields):
        user = StaffFactory(**user_fields)
        user.groups.add(Group.objects.get(name=group_name))
        client = Client()
        client.force_login(user)
        client.user = user
        return client

    return make

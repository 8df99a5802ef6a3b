import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from staff.management.commands import create_staff_login

pytestmark = pytest.mark.django_db
PASSWORD = "a long walk by the river"


def signed_in(username, password):
    staff = Client()
    response = staff.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})
    assert response.status_code == 302, response.content.decode()[-2000:]
    return staff


def create(*args):
    out = StringIO()
    call_command("create_staff_login", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_new_login_gets_its_roles_and_a_link_to_choose_its_password(client):
    out = create("Owner@Example.com", "--role", "clinic-manager", "--role", "Clinical reviewer", "--no-input")
    user = get_user_model().objects.get(username="owner@example.com")
    assert user.is_staff and not user.is_superuser and not user.has_usable_password()
    assert set(user.groups.values_list("name", flat=True)) == {"Clinic manager", "Clinical reviewer"}
    link = re.search(r"http://\S+/staff/set-password/\S+/", out).group(0)

    form = client.get(link, follow=True)
    assert form.status_code == 200 and 'name="new_password1"' in form.content.decode()
    done = client.post(
        form.request["PATH_INFO"], {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True
    )
    assert done.status_code == 200 and 'href="/admin/login/"' in done.content.decode()
    staff = signed_in("owner@example.com", PASSWORD)
    assert staff.get("/admin/clinic/page/").status_code == 200
    # The link works once.
    assert "new_password1" not in client.get(link, follow=True).content.decode()


def test_at_a_terminal_it_asks_for_the_password_and_never_prints_it(monkeypatch, caplog):
    answers = iter(["short", "short", PASSWORD, "different", PASSWORD, PASSWORD])
    monkeypatch.setattr(create_staff_login, "getpass", lambda prompt: next(answers))
    monkeypatch.setattr(create_staff_login.sys.stdin, "isatty", lambda: True, raising=False)
    out, err = StringIO(), StringIO()
    call_command("create_staff_login", "desk@example.com", "--role", "Front desk", stdout=out, stderr=err)
    assert "too short" in err.getvalue() and "differ" in err.getvalue()
    assert PASSWORD not in out.getvalue() + err.getvalue() + caplog.text
    assert "set-password" not in out.getvalue()
    signed_in("desk@example.com", PASSWORD)


def test_an_unknown_role_or_address_is_refused_saying_why():
    with pytest.raises(CommandError, match="The roles are: Clinic manager, Content editor"):
        create("editor@example.com", "--role", "owner", "--no-input")
    with pytest.raises(CommandError, match="not an email address"):
        create("editor", "--role", "Content editor", "--no-input")
    assert not get_user_model().objects.exists()

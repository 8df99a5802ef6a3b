import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CONTENT_PAGES = [
    "articles_article",
    "exercises_exercise",
    "quizzes_quiz",
    "staff_glossaryterm",
    "articles_topic",
]
FRONT_DESK_PAGES = [
    "booking_bookingrequest",
    "scheduling_introcall",
    "newsletter_subscriber",
    "scheduling_closeddate",
]


def status(client, page):
    return client.get(reverse(f"admin:{page}_changelist")).status_code


@pytest.mark.parametrize("group", ["Content editor", "Clinical reviewer"])
def test_editors_and_reviewers_work_on_content_only(client_in, group):
    client = client_in(group)
    assert [status(client, page) for page in CONTENT_PAGES] == [200] * len(CONTENT_PAGES)
    assert [status(client, page) for page in FRONT_DESK_PAGES] == [403] * len(FRONT_DESK_PAGES)


def test_front_desk_works_the_lead_list_only(client_in):
    client = client_in("Front desk")
    assert [status(client, page) for page in FRONT_DESK_PAGES] == [200] * len(FRONT_DESK_PAGES)
    assert [status(client, page) for page in CONTENT_PAGES] == [403] * len(CONTENT_PAGES)


def test_only_reviewers_may_sign_off(client_in):
    ArticleFactory()
    editor, reviewer = client_in("Content editor"), client_in("Clinical reviewer")
    assert not editor.user.has_perm("articles.sign_off")
    assert reviewer.user.has_perm("articles.sign_off") and reviewer.user.has_perm("exercises.sign_off")
    changelist = reverse("admin:articles_article_changelist")
    assert 'value="sign_off"' not in editor.get(changelist).content.decode()
    assert 'value="sign_off"' in reviewer.get(changelist).content.decode()


def test_setting_up_roles_twice_changes_nothing(roles):
    before = {
        group.name: set(group.permissions.values_list("codename", flat=True)) for group in Group.objects.all()
    }
    call_command("setup_roles", verbosity=0)
    after = {
        group.name: set(group.permissions.values_list("codename", flat=True)) for group in Group.objects.all()
    }
    assert before == after and set(after) == {
        "Clinic manager",
        "Content editor",
        "Clinical reviewer",
        "Front desk",
    }


def test_the_clinic_manager_writes_the_clinics_own_pages(client_in):
    client = client_in("Clinic manager")
    pages = ["clinic_page_changelist", "clinic_page_add", "clinic_clinicprofile_changelist"]
    assert [client.get(reverse(f"admin:{page}"), follow=True).status_code for page in pages] == [200] * 3

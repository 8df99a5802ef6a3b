from collections import defaultdict
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article
from clinicians.models import Clinician
from exercises.models import Exercise, Step
from publishing.caching import content_changed

# The demo library restored (`demo`) is what the loader made once this session: these tests run
# the loader again on top of it, as `make run` does on every start.
pytestmark = pytest.mark.django_db

FIRST_ARTICLE = "is-a-tight-pelvic-floor-causing-your-hip-pain"
ITS_EXERCISES = {
    "figure-4-stretch",
    "kneeling-hip-flexor-lunge",
    "tennis-ball-release",
    "seated-hip-flexor-isometric",
    "strength-imbalance-self-check",
}


def row_counts():
    return [model.objects.count() for model in (Clinician, Article, Exercise, Step)]


def test_demo_loads_the_first_article_its_five_exercises_and_their_author(demo):
    article = Article.objects.published().get(slug=FIRST_ARTICLE)
    assert article.title == "Is a tight pelvic floor causing your hip pain?"
    assert article.author.credentials == "PT, DPT"
    assert set(article.related_exercises.values_list("slug", flat=True)) == ITS_EXERCISES
    assert set(Exercise.objects.filter(is_featured=True).values_list("slug", flat=True)) == ITS_EXERCISES
    assert all(exercise.steps.exists() for exercise in Exercise.objects.all())
    assert Exercise.objects.get(slug="figure-4-stretch").where_you_feel_it


def test_a_drawing_shown_in_several_places_is_stored_and_copied_once(demo):
    copies_by_picture = defaultdict(list)
    for exercise in Exercise.objects.exclude(starting_image=""):
        copies_by_picture[exercise.starting_image.name].append(exercise.starting_image_renditions)
    for step in Step.objects.exclude(image=""):
        copies_by_picture[step.image.name].append(step.image_renditions)

    shared = [copies for copies in copies_by_picture.values() if len(copies) > 1]
    assert shared, "the demo shows some drawings in more than one place"
    assert all(copies.count(copies[0]) == len(copies) for copies in shared)


def test_running_the_demo_loader_twice_changes_and_duplicates_nothing(demo, capsys):
    counts = row_counts()
    first_updated_at = list(Article.objects.values_list("updated_at", flat=True))

    call_command("load_demo")

    assert row_counts() == counts
    assert list(Article.objects.values_list("updated_at", flat=True)) == first_updated_at
    assert "0 created, 0 updated" in capsys.readouterr().out


def test_demo_loader_restores_edited_demo_text_and_the_page_shows_it_at_once(demo, client):
    Article.objects.update(title="Edited")
    content_changed()
    page = Article.objects.get(slug=FIRST_ARTICLE).get_absolute_url()
    assert "data-listen-text>Edited</h1>" in client.get(page).content.decode()  # and kept, rendered

    call_command("load_demo", stdout=StringIO())

    assert Article.objects.get(slug=FIRST_ARTICLE).title == "Is a tight pelvic floor causing your hip pain?"
    assert "Is a tight pelvic floor causing your hip pain?</h1>" in client.get(page).content.decode()


def test_demo_staff_login_is_created_only_with_debug_on(demo, settings, capsys):
    settings.DEBUG = False
    call_command("load_demo")
    assert not get_user_model().objects.filter(username="demo").exists()
    assert "demo staff login" not in capsys.readouterr().out

    settings.DEBUG = True
    call_command("load_demo")
    user = get_user_model().objects.get(username="demo")
    assert user.is_staff and user.check_password("hipcare-demo")
    assert "demo / hipcare-demo" in capsys.readouterr().out


def deploy_check_errors():
    from django.core.management import CommandError

    try:
        call_command("check", "--deploy", "--fail-level", "ERROR", stdout=StringIO(), stderr=StringIO())
    except CommandError as error:
        return str(error)
    return ""


def test_a_server_with_debug_off_refuses_the_demo_login_until_it_is_removed(demo, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    settings.DEBUG = False

    assert "demo.E001" in deploy_check_errors()

    call_command("load_demo", "--remove-login", stdout=StringIO())
    assert not get_user_model().objects.filter(username="demo").exists()
    assert "demo.E001" not in deploy_check_errors()


def test_a_demo_login_whose_password_was_changed_is_left_alone(settings):
    get_user_model().objects.create_user("demo", password="a-long-private-passphrase", is_staff=True)
    settings.DEBUG = False
    assert "demo.E001" not in deploy_check_errors()


def test_the_demo_login_can_try_the_whole_review_flow(demo, settings, client):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    settings.DEBUG = False
    client.force_login(get_user_model().objects.get(username="demo"))
    article = Article.objects.get(slug=FIRST_ARTICLE)

    response = client.post(
        "/admin/articles/article/", {"action": "sign_off", "_selected_action": [article.pk]}, follow=True
    )

    assert "Signed off by Dr. Jonah Whitfield" in response.content.decode()


def test_the_admin_carries_the_clinics_name(admin_client, settings):
    html = admin_client.get("/admin/").content.decode()
    assert f"{settings.CLINIC['name']} admin" in html
    assert "Django administration" not in html

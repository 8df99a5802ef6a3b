import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from exercises.models import Exercise
from tests.factories import (
    ArticleFactory,
    BodyRegionFactory,
    ClinicianFactory,
    EquipmentFactory,
    ExerciseFactory,
    StepFactory,
)

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_exercise_page_lists_steps_in_order_with_tips_and_holds(client):
    exercise = ExerciseFactory(name="Figure-4 stretch", where_you_feel_it="In the outer hip.")
    StepFactory(
        exercise=exercise,
        position=2,
        instruction="Lean **forward**.",
        tip="Keep a long back.",
        hold_seconds=30,
    )
    StepFactory(exercise=exercise, position=1, instruction="Cross one ankle over the other knee.")

    html = page(client, exercise.get_absolute_url())

    assert html.index("Cross one ankle") < html.index("Lean <strong>forward</strong>.")
    assert "Keep a long back." in html
    assert "Hold for 30 seconds." in html
    assert "In the outer hip." in html


def test_exercise_page_shows_dosage_equipment_and_regions(client):
    exercise = ExerciseFactory(hold_seconds=30, repetitions=3, is_each_side=True, frequency=2)
    exercise.equipment.add(EquipmentFactory(name="Chair"))
    exercise.body_regions.add(BodyRegionFactory(name="Hips"))
    html = page(client, exercise.get_absolute_url())
    assert "Hold 30 seconds. Do 3 on each side, twice a day." in html
    assert "<dd>Chair</dd>" in html
    assert "<dd>Hips</dd>" in html


def test_exercise_without_equipment_says_none_is_needed(client):
    assert "None needed" in page(client, ExerciseFactory().get_absolute_url())


def test_stop_if_box_shows_staff_cautions_or_the_general_ones(client):
    custom = ExerciseFactory(stop_if="- Sharp pain in the groin\nNumb toes")
    html = page(client, custom.get_absolute_url())
    assert "<li>Sharp pain in the groin</li><li>Numb toes</li>" in html
    general = page(client, ExerciseFactory().get_absolute_url())
    assert "You feel sharp, zingy or shooting pain." in general


def test_variants_link_only_to_published_exercises(client):
    easier = ExerciseFactory(name="Easier one")
    harder = ExerciseFactory(name="Harder draft", status=Exercise.Status.DRAFT)
    exercise = ExerciseFactory(easier_variant=easier, harder_variant=harder)
    html = page(client, exercise.get_absolute_url())
    assert f'<strong>Easier:</strong> <a href="{easier.get_absolute_url()}">Easier one</a>' in html
    assert "Harder draft" not in html


def test_exercise_page_lists_published_articles_that_feature_it(client):
    exercise = ExerciseFactory()
    ArticleFactory(title="Public article").related_exercises.add(exercise)
    ArticleFactory(title="Draft article", status=Article.Status.DRAFT).related_exercises.add(exercise)
    html = page(client, exercise.get_absolute_url())
    assert "Public article" in html
    assert "Draft article" not in html


def test_exercise_page_carries_review_and_booking_invitation(client):
    exercise = ExerciseFactory(
        reviewed_by=ClinicianFactory(name="Dr. Check"), reviewed_on=timezone.localdate()
    )
    html = page(client, exercise.get_absolute_url())
    assert re.search(r"Clinically reviewed by <a href=\"/team/[\w-]+/\">Dr. Check,", html)
    assert 'id="cta-end"' in html


def test_guided_mode_data_puts_the_exercise_hold_on_the_last_step(client):
    exercise = ExerciseFactory(hold_seconds=30, repetitions=3, sets=2, rest_seconds=15, is_each_side=True)
    StepFactory(exercise=exercise, position=1, instruction="Set up.")
    StepFactory(exercise=exercise, position=2, instruction="Stretch.")
    html = page(client, exercise.get_absolute_url())

    guide = json.loads(
        re.search(r'<script id="exercise-guide" type="application/json">(.*?)</script>', html).group(1)
    )

    assert (
        guide["sides"] == 2
        and guide["sets"] == 2
        and guide["repetitions"] == 3
        and guide["restSeconds"] == 15
    )
    assert [step["holdSeconds"] for step in guide["steps"]] == [None, 30]
    assert guide["steps"][1]["html"] == "<p>Stretch.</p>"


def test_a_step_with_its_own_hold_keeps_the_exercise_hold_off_other_steps(client):
    exercise = ExerciseFactory(hold_seconds=30)
    StepFactory(exercise=exercise, position=1, instruction="Hold here.", hold_seconds=10)
    StepFactory(exercise=exercise, position=2, instruction="Relax.")
    html = page(client, exercise.get_absolute_url())
    assert '"holdSeconds": 10' in html and '"holdSeconds": null' in html and '"holdSeconds": 30' not in html


def test_draft_exercise_is_hidden_from_visitors_the_library_and_the_catalogue(client):
    exercise = ExerciseFactory(status=Exercise.Status.DRAFT, name="Secret stretch", slug="secret-stretch")
    StepFactory(exercise=exercise, instruction="Secret step")
    assert client.get(exercise.get_absolute_url()).status_code == 404
    assert "Secret stretch" not in page(client, reverse("exercises:list"))
    assert "Secret" not in client.get(reverse("exercises:catalog")).content.decode()
    assert "Secret step" not in page(client, reverse("exercises:routine") + "?e=secret-stretch")


def test_scheduled_exercise_joins_the_library_when_its_time_comes(client, advance_clock):
    ExerciseFactory(name="Later stretch", published_at=timezone.now() + timezone.timedelta(hours=1))
    assert "Later stretch" not in page(client, reverse("exercises:list"))
    advance_clock(timezone.timedelta(hours=1, seconds=1))
    assert "Later stretch" in page(client, reverse("exercises:list"))


def test_staff_can_preview_a_draft_exercise(staff_client):
    exercise = ExerciseFactory(status=Exercise.Status.DRAFT)
    assert "This page is a draft" in page(staff_client, exercise.get_absolute_url())


class TestLibraryFilters:
    @pytest.fixture
    def library(self):
        chair, ball = EquipmentFactory(slug="chair", name="Chair"), EquipmentFactory(slug="ball", name="Ball")
        hips, floor = BodyRegionFactory(slug="hips"), BodyRegionFactory(slug="pelvic-floor")
        chair_hip_stretch = ExerciseFactory(name="Chair hip stretch", kind="stretch")
        chair_hip_stretch.equipment.add(chair)
        chair_hip_stretch.body_regions.add(hips)
        ball_release = ExerciseFactory(name="Ball release", kind="release")
        ball_release.equipment.add(ball, chair)
        ball_release.body_regions.add(floor)
        floor_stretch = ExerciseFactory(name="Floor stretch", kind="stretch")
        floor_stretch.body_regions.add(hips, floor)

    def names(self, client, **params):
        html = page(client, reverse("exercises:list") + "?" + "&".join(f"{k}={v}" for k, v in params.items()))
        return {name for name in ["Chair hip stretch", "Ball release", "Floor stretch"] if name in html}, html

    def test_no_filters_show_everything_with_a_count(self, client, library):
        names, html = self.names(client)
        assert len(names) == 3
        assert "3 exercises." in html

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"kind": "stretch"}, {"Chair hip stretch", "Floor stretch"}),
            ({"region": "pelvic-floor"}, {"Ball release", "Floor stretch"}),
            ({"equipment": "chair"}, {"Chair hip stretch", "Ball release"}),
            ({"equipment": "none"}, {"Floor stretch"}),
            ({"kind": "stretch", "region": "pelvic-floor"}, {"Floor stretch"}),
            ({"kind": "stretch", "equipment": "chair", "region": "hips"}, {"Chair hip stretch"}),
            ({"kind": "release", "equipment": "none"}, set()),
        ],
    )
    def test_filters_combine(self, client, library, params, expected):
        names, html = self.names(client, **params)
        assert names == expected
        count = len(expected)
        assert f"{count} exercise{'s' if count != 1 else ''} match" in html

    def test_exercise_in_two_matching_regions_is_listed_once(self, client, library):
        _, html = self.names(client, kind="stretch")
        assert html.count("Floor stretch</a>") == 1

    def test_unknown_filter_value_is_explained_and_ignored(self, client, library):
        names, html = self.names(client, region="elbow", kind="stretch")
        assert "We don&#x27;t have that body area; showing all areas." in html
        assert names == {"Chair hip stretch", "Floor stretch"}

    def test_filters_keep_their_choices(self, client, library):
        _, html = self.names(client, kind="release", equipment="none")
        assert '<option value="release" selected>Release</option>' in html
        assert '<option value="none" selected>No equipment</option>' in html


class TestLibraryPages:
    """A large library is split into pages, so a phone never loads hundreds of cards at once."""

    @pytest.fixture
    def library(self):
        ExerciseFactory.create_batch(23, kind="stretch")
        ExerciseFactory.create_batch(22, kind="release")

    def card_count(self, html):
        return len(re.findall(r'<article class="card[ "]', html))

    def test_pages_hold_twenty_exercises_and_count_them_all(self, client, library):
        first, last = page(client, "/exercises/"), page(client, "/exercises/?page=3")
        assert self.card_count(first) == 20 and self.card_count(last) == 5
        assert "45 exercises." in first and "45 exercises." in last
        assert '<a class="pagination__link" href="?page=2" rel="next">Next</a>' in first
        assert '<a class="pagination__link" href="?page=2" rel="prev">Previous</a>' in last
        assert "Clear filters" not in last and "match your choices" not in last

    def test_page_links_keep_the_filters(self, client, library):
        html = page(client, "/exercises/?kind=stretch&equipment=none&page=2")
        assert self.card_count(html) == 3
        assert "23 exercises match your choices." in html
        assert 'href="?kind=stretch&amp;equipment=none&amp;page=1" rel="prev"' in html
        assert "Clear filters" in html

    @pytest.mark.parametrize("number", ["4", "0", "abc", "9" * 30])
    def test_a_page_that_does_not_exist_is_not_found(self, client, library, number):
        assert client.get(f"/exercises/?page={number}").status_code == 404


def test_shared_routine_link_lists_exercises_in_order_without_javascript(client):
    first = ExerciseFactory(slug="first-one", name="First one", hold_seconds=30)
    StepFactory(exercise=first, instruction="First step.")
    ExerciseFactory(slug="second-one", name="Second one")
    html = page(client, reverse("exercises:routine") + "?e=second-one,first-one,gone-one")
    assert html.index("Second one") < html.index("First one")
    assert "First step." in html and "Hold 30 seconds." in html
    assert "1 exercise in this link is no longer available" in html


def test_catalogue_lists_published_exercises_for_routines(client):
    exercise = ExerciseFactory(slug="figure-4-stretch", name="Figure-4 stretch")
    StepFactory(exercise=exercise, instruction="Cross your legs.")
    data = client.get(reverse("exercises:catalog")).json()
    assert [e["slug"] for e in data["exercises"]] == ["figure-4-stretch"]
    assert data["exercises"][0]["steps"][0]["html"] == "<p>Cross your legs.</p>"
    assert data["exercises"][0]["url"] == exercise.get_absolute_url()


def test_the_guided_mode_dialog_has_a_heading_before_it_opens(client):
    from tests.factories import StepFactory

    step = StepFactory()
    html = client.get(step.exercise.get_absolute_url()).content.decode()
    assert (
        '<h2 class="guided__title" id="guided-title" data-guided-title tabindex="-1">Guided mode</h2>' in html
    )


def test_a_questionnaire_has_no_guided_mode_or_routine(client):
    from tests.factories import StepFactory

    questionnaire = StepFactory(exercise__kind="self-check", exercise__slug="strength-check").exercise
    html = client.get(questionnaire.get_absolute_url()).content.decode()
    assert (
        "Start guided mode" not in html and "exercise-guide" not in html and "Add to my routine" not in html
    )
    catalog = client.get("/exercises/catalog.json").json()["exercises"]
    assert "strength-check" not in [exercise["slug"] for exercise in catalog]

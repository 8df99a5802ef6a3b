import pytest
from django.urls import reverse

from exercises.models import Exercise
from tests.factories import ExerciseFactory, StepFactory

pytestmark = pytest.mark.django_db


def test_exercise_page_lists_steps_in_order_with_tips(client):
    exercise = ExerciseFactory(name="Figure-4 stretch", where_you_feel_it="In the outer hip.")
    StepFactory(exercise=exercise, position=2, instruction="Lean **forward**.", tip="Keep a long back.")
    StepFactory(exercise=exercise, position=1, instruction="Cross one ankle over the other knee.")

    html = client.get(exercise.get_absolute_url()).content.decode()

    assert html.index("Cross one ankle") < html.index("Lean <strong>forward</strong>.")
    assert "Keep a long back." in html
    assert "In the outer hip." in html
    assert "Stop if" in html


def test_draft_exercise_is_hidden_from_visitors_and_the_library(client):
    exercise = ExerciseFactory(status=Exercise.Status.DRAFT, name="Secret stretch")
    assert client.get(exercise.get_absolute_url()).status_code == 404
    assert "Secret stretch" not in client.get(reverse("exercises:list")).content.decode()


def test_staff_can_preview_a_draft_exercise(staff_client):
    exercise = ExerciseFactory(status=Exercise.Status.DRAFT)
    response = staff_client.get(exercise.get_absolute_url())
    assert response.status_code == 200
    assert "This page is a draft" in response.content.decode()

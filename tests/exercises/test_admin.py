from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from exercises.models import Exercise
from tests.conftest import SIGN_OFF_AND_PUBLISH
from tests.factories import BodyRegionFactory, ClinicianFactory, ExerciseFactory

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:exercises_exercise_add")


def png_upload():
    buffer = BytesIO()
    Image.new("RGB", (900, 600), (30, 90, 120)).save(buffer, "PNG")
    return SimpleUploadedFile("step.png", buffer.getvalue(), content_type="image/png")


def exercise_form(steps, **overrides):
    now = timezone.localtime()
    data = {
        "name": "Wall sit",
        "slug": "wall-sit",
        "kind": "strengthening",
        "difficulty": "gentle",
        "summary": "Builds thigh strength.",
        "author": ClinicianFactory().pk,
        "purpose": "Strength.",
        "starting_position": "",
        "where_you_feel_it": "",
        "stop_if": "",
        "hold_seconds": "20",
        "repetitions": "3",
        "sets": "",
        "rest_seconds": "",
        "frequency": "1",
        "frequency_period": "day",
        "status": "published",
        "published_at_0": now.strftime("%Y-%m-%d"),
        "published_at_1": now.strftime("%H:%M:%S"),
        "steps-TOTAL_FORMS": str(len(steps)),
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
    }
    for index, step in enumerate(steps):
        data.update({f"steps-{index}-{key}": value for key, value in step.items()})
    data.update(overrides)
    return data


def test_a_reviewer_adds_an_exercise_with_ordered_steps(reviewing_admin_client, client):
    steps = [
        {"position": "2", "instruction": "Slide down the wall.", "hold_seconds": "20"},
        {"position": "1", "instruction": "Stand with your back to a wall."},
    ]
    response = reviewing_admin_client.post(ADD_URL, {**exercise_form(steps), **SIGN_OFF_AND_PUBLISH})
    assert response.status_code == 302
    html = client.get(Exercise.objects.get().get_absolute_url()).content.decode()
    assert html.index("Stand with your back") < html.index("Slide down the wall.")
    assert "Hold 20 seconds. Do 3, once a day." in html


def test_two_steps_cannot_share_a_position(admin_client):
    steps = [{"position": "1", "instruction": "One."}, {"position": "1", "instruction": "Two."}]
    response = admin_client.post(ADD_URL, exercise_form(steps))
    assert response.status_code == 200
    assert "Please correct the duplicate data for position" in response.content.decode()
    assert not Exercise.objects.exists()


def test_step_image_needs_a_description_and_gets_renditions(reviewing_admin_client, client):
    admin_client = reviewing_admin_client
    without_alt = [{"position": "1", "instruction": "Sit.", "image": png_upload()}]
    response = admin_client.post(ADD_URL, exercise_form(without_alt))
    assert "Describe the image for people who cannot see it." in response.content.decode()
    assert not Exercise.objects.exists()

    with_alt = [
        {"position": "1", "instruction": "Sit.", "image": png_upload(), "image_alt": "A person sitting"}
    ]
    admin_client.post(ADD_URL, {**exercise_form(with_alt), **SIGN_OFF_AND_PUBLISH})
    html = client.get(Exercise.objects.get().get_absolute_url()).content.decode()
    assert (
        'alt="A person sitting"' in html and "-400.webp 400w" in html and 'width="900" height="600"' in html
    )


def test_dosage_limits_are_enforced(admin_client):
    response = admin_client.post(ADD_URL, exercise_form([], hold_seconds="0", repetitions="500"))
    html = response.content.decode()
    assert "Ensure this value is greater than or equal to 1." in html
    assert "Ensure this value is less than or equal to 50." in html


def test_an_exercise_cannot_take_the_address_of_a_library_page(admin_client):
    response = admin_client.post(ADD_URL, exercise_form([], slug="my-routine"))
    assert response.status_code == 200
    assert "“my-routine” is the address of a library page" in response.content.decode()
    assert not Exercise.objects.filter(slug="my-routine").exists()


def test_an_exercise_cannot_be_its_own_variant(admin_client):
    exercise = ExerciseFactory(slug="wall-sit")
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    response = admin_client.post(url, exercise_form([], easier_variant=str(exercise.pk)))
    assert "An exercise cannot be its own variant." in response.content.decode()


def test_admin_filters_by_region(admin_client):
    hips = BodyRegionFactory(name="Hips")
    ExerciseFactory(name="Hip one").body_regions.add(hips)
    ExerciseFactory(name="Other one")
    html = admin_client.get(
        reverse("admin:exercises_exercise_changelist"), {"body_regions__id__exact": hips.pk}
    ).content.decode()
    assert "Hip one" in html and "Other one" not in html

"""Pictures of each position: the demo's own drawings, where they appear, and staff's own photos
in their place."""

import re
from io import BytesIO, StringIO

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from articles.models import Article
from clinic.models import ClinicProfile
from clinicians.models import Clinician
from demo import content, pictures
from exercises.models import Exercise

pytestmark = pytest.mark.django_db
DEMO_EXERCISES = [exercise["slug"] for exercise in content.EXERCISES]


# Steps that leave the body where the step before left it (a hold, a breath, a squeeze) need no
# picture of their own; every other step does.
SAME_POSITION = re.compile(
    r"^(Hold|Stay|Breathe|Squeeze|Let go|Let your|Let everything|Repeat|Now do|While you hold|In single|Can you|Is a|Stack|As you)"
)


def test_each_demo_exercise_pictures_its_starting_position_and_the_positions_that_change(demo):
    # One test for all fifteen: each load of the demo draws every picture.
    for slug in DEMO_EXERCISES:
        exercise = Exercise.objects.get(slug=slug)
        assert exercise.starting_image_renditions and len(exercise.starting_image_alt) > 20, slug
        for step in exercise.steps.all():
            if step.image_renditions:
                assert len(step.image_alt) > 20
            else:
                assert SAME_POSITION.match(step.instruction), f"{slug} step {step.position} moves unpictured"


def test_the_demo_articles_and_home_page_have_illustrations_in_the_same_style(demo):
    for article in Article.objects.all():
        assert article.lead_image_renditions and len(article.lead_image_alt) > 20, article.slug
    for topic in content.TOPICS:
        assert pictures.article_illustration(topic["slug"]).size == (800, 600)
    home = pictures.home_illustration()
    assert home.size == (800, 600)
    # Drawn in the same palette: the accent marks the part of the body that works.
    assert any(
        all(abs(channel - accent) < 40 for channel, accent in zip(colour[:3], pictures.WORKING, strict=True))
        for _, colour in home.getcolors(1 << 20)
    )


def served_copies(renditions):
    """The copies a browser picks from, as stored."""
    for kind in ("avif", "webp"):
        for copy in renditions[kind]:
            with default_storage.open(copy["url"].removeprefix(settings.MEDIA_URL)) as stored:
                yield Image.open(BytesIO(stored.read()))


def test_the_demo_drawings_have_no_background_of_their_own_so_they_sit_on_a_dark_page_too(demo):
    drawings = [
        *(exercise.starting_image_renditions for exercise in Exercise.objects.all()),
        *(article.lead_image_renditions for article in Article.objects.all()),
        ClinicProfile.current().hero_image_renditions,
    ]
    for renditions in drawings:
        for copy in served_copies(renditions):
            assert copy.mode == "RGBA" and copy.getpixel((0, 0))[3] == 0, renditions["source"]
            # The floor is a see-through tint too: no row of the picture is a solid band.
            assert copy.getpixel((copy.width // 2, copy.height - 1))[3] < 128, renditions["source"]


def test_the_demo_article_and_clinicians_have_pictures_with_descriptions(demo):
    article = Article.objects.get(slug="is-a-tight-pelvic-floor-causing-your-hip-pain")
    assert article.lead_image_renditions and "pelvic floor" in article.lead_image_alt
    assert all(clinician.photo_renditions and clinician.photo_alt for clinician in Clinician.objects.all())


def test_pictures_sit_beside_their_steps_with_sizes_and_load_lazily(demo, client):
    exercise = Exercise.objects.get(slug="figure-4-stretch")
    html = client.get(exercise.get_absolute_url()).content.decode()

    start = html.split('<div class="exercise__start">', 1)[1].split("</div>", 1)[0]
    assert f'alt="{exercise.starting_image_alt}"' in start
    first_step = re.search(r'<li class="steps__item" id="step-1">(.*?)</li>', html, re.S).group(1)
    assert f'alt="{exercise.steps.get(position=1).image_alt}"' in first_step
    for image in re.findall(r"<img [^>]*steps__image[^>]*>", html):
        assert 'width="' in image and 'height="' in image and 'loading="lazy"' in image


def test_an_exercise_card_shows_its_starting_position(demo, client):
    html = client.get("/exercises/").content.decode()
    card = html.split('href="/exercises/figure-4-stretch/"', 1)[0].rsplit('<article class="card', 1)[1]
    assert "card--pictured" in card and 'class="card__image"' in card


def test_guided_mode_is_given_each_pictures_address_size_and_description(demo, client):
    exercise = Exercise.objects.get(slug="figure-4-stretch")
    html = client.get(exercise.get_absolute_url()).content.decode()
    assert exercise.starting_image_alt in html.split('type="application/json"', 1)[1]
    guide = exercise.guide()
    assert guide["startingImage"]["src"].endswith(".webp") and guide["startingImage"]["width"] == 800
    assert guide["steps"][0]["image"]["alt"] == exercise.steps.get(position=1).image_alt
    assert guide["steps"][2]["image"] is None  # the hold: still where the step before left it
    assert guide["steps"][3]["image"]["alt"] == exercise.steps.get(position=4).image_alt  # back to sitting


def test_a_picture_staff_uploaded_in_place_of_a_drawing_is_kept(demo, admin_client):
    exercise = Exercise.objects.get(slug="figure-4-stretch")
    buffer = BytesIO()
    Image.new("RGB", (900, 600), (90, 120, 150)).save(buffer, "JPEG")
    exercise.starting_image = SimpleUploadedFile("our-photo.jpg", buffer.getvalue())
    exercise.starting_image_alt = "Our physical therapist sitting upright on a chair, feet flat."
    exercise.save()
    replaced = Exercise.objects.get(pk=exercise.pk).starting_image.name

    call_command("load_demo", stdout=StringIO())

    again = Exercise.objects.get(pk=exercise.pk)
    assert again.starting_image.name == replaced
    assert again.starting_image_alt == "Our physical therapist sitting upright on a chair, feet flat."


def test_a_starting_picture_needs_a_description(demo):
    exercise = Exercise.objects.get(slug="figure-4-stretch")
    exercise.starting_image_alt = ""
    assert any("Describe what the body does" in problem for problem in exercise.publishing_problems())

"""Pictures where people look for them: the home page's photo, each article's and exercise's lead
picture on its page, its cards and its share image, and the team's portraits. Each is uploaded
once and served in sizes and in AVIF and WebP with a fallback, its space reserved; without one, a
shape in the clinic's colour stands in."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from clinic.models import ClinicProfile
from tests.clinic.test_profile import save_profile
from tests.factories import ArticleFactory, ClinicianFactory, ExerciseFactory, StepFactory

pytestmark = pytest.mark.django_db


def photo(name="photo.jpg", size=(900, 600)):
    buffer = BytesIO()
    Image.new("RGB", size, (200, 120, 90)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def assert_served_in_every_format(html, width, height, alt):
    assert '<source type="image/avif" srcset="' in html
    assert "-400.avif 400w" in html and "-400.webp 400w" in html and "-400.jpg 400w" in html
    assert f'width="{width}" height="{height}" alt="{alt}"' in html


def test_the_home_page_opens_with_the_clinics_photo_in_modern_formats(admin_client, client):
    response = save_profile(
        admin_client, hero_image=photo(), hero_image_alt="Our treatment room, bright and calm"
    )
    assert response.status_code == 302

    html = client.get(reverse("home")).content.decode()

    assert_served_in_every_format(html, 900, 600, "Our treatment room, bright and calm")
    assert 'class="hero__image"' in html and 'fetchpriority="high"' in html
    assert '<meta property="og:image" content="http://testserver/media/renditions/' in html
    assert "picture-fallback" not in html.split('class="hero"')[1].split("</section>")[0]


def test_a_home_page_photo_needs_a_description(admin_client):
    response = save_profile(admin_client, hero_image=photo())

    assert "Describe the photo" in " ".join(response.context["adminform"].form.errors["hero_image_alt"])
    assert not ClinicProfile.current().hero_image


def test_without_uploads_every_picture_place_shows_the_clinics_shape(client):
    article = ArticleFactory()
    ExerciseFactory(is_featured=True)

    pages = {
        "home": client.get(reverse("home")).content.decode(),
        "articles": client.get(reverse("articles:list")).content.decode(),
        "article": client.get(article.get_absolute_url()).content.decode(),
        "exercises": client.get(reverse("exercises:list")).content.decode(),
    }

    assert 'class="hero__image picture-fallback picture-fallback--home" aria-hidden="true"' in pages["home"]
    assert 'class="card__image picture-fallback picture-fallback--article"' in pages["home"]
    assert 'class="card__image picture-fallback picture-fallback--exercise"' in pages["home"]
    assert 'class="card__image picture-fallback picture-fallback--article"' in pages["articles"]
    assert 'class="article__image picture-fallback picture-fallback--article"' in pages["article"]
    assert 'class="card__image picture-fallback picture-fallback--exercise"' in pages["exercises"]
    for html in pages.values():
        assert 'src=""' not in html


def test_an_articles_lead_picture_is_on_its_cards(client):
    article = ArticleFactory(lead_image=photo("lead.jpg"), lead_image_alt="Walking by the river")

    html = client.get(reverse("articles:list")).content.decode()

    card = html.split('class="card card--pictured"')[1]
    assert '<source type="image/avif"' in card and 'class="card__image"' in card
    assert 'alt=""' in card.split("</picture>")[0]  # the title beside it says what the card is
    assert article.lead_image_renditions["avif"]


def test_an_exercises_picture_is_its_share_image(client):
    exercise = ExerciseFactory(
        starting_image=photo("start.jpg"), starting_image_alt="Sitting tall on a chair"
    )

    html = client.get(exercise.get_absolute_url()).content.decode()

    assert '<meta property="og:image" content="http://testserver/media/renditions/' in html
    assert '<meta property="og:image:alt" content="Sitting tall on a chair"' in html


@pytest.mark.parametrize(
    ("make", "renditions"),
    [
        (lambda: ArticleFactory(lead_image=photo(), lead_image_alt="x"), "lead_image_renditions"),
        (
            lambda: ExerciseFactory(starting_image=photo(), starting_image_alt="x"),
            "starting_image_renditions",
        ),
        (lambda: StepFactory(image=photo(), image_alt="x"), "image_renditions"),
        (lambda: ClinicianFactory(photo=photo(), photo_alt="x"), "photo_renditions"),
    ],
    ids=["article lead", "exercise start", "exercise step", "portrait"],
)
def test_every_uploaded_picture_is_kept_in_avif_webp_and_its_own_format(make, renditions):
    stored = getattr(make(), renditions)

    assert {"avif", "webp", "fallback"} <= stored.keys()
    assert stored["avif"][0]["url"].endswith(".avif")
    assert len(stored["avif"]) == len(stored["webp"]) == len(stored["fallback"])

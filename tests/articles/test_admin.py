import datetime
from contextlib import contextmanager
from io import BytesIO
from unittest import mock

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ImageField
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Article
from tests.conftest import SIGN_OFF_AND_PUBLISH
from tests.factories import ArticleFactory, ClinicianFactory

pytestmark = pytest.mark.django_db
ADD_URL = reverse("admin:articles_article_add")


def jpeg_bytes(width=1600, height=900):
    buffer = BytesIO()
    Image.new("RGB", (width, height), (200, 120, 90)).save(buffer, "JPEG")
    return buffer.getvalue()


def article_form(**overrides):
    now = timezone.localtime()
    data = {
        "title": "Hip pain and the pelvic floor",
        "slug": "hip-pain-and-the-pelvic-floor",
        "summary": "How they connect.",
        "key_takeaways": "",
        "body": "## Why\n\nBecause.",
        "when_to_get_help": "",
        "lead_image_alt": "",
        "author": ClinicianFactory().pk,
        "reviewed_by": "",
        "reviewed_on": "",
        "next_review_on": "",
        "status": "published",
        "published_at_0": now.strftime("%Y-%m-%d"),
        "published_at_1": now.strftime("%H:%M:%S"),
        "references-TOTAL_FORMS": "0",
        "references-INITIAL_FORMS": "0",
        "references-MIN_NUM_FORMS": "0",
        "references-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_a_reviewer_can_sign_off_and_publish_an_article_from_admin(reviewing_admin_client, client):
    response = reviewing_admin_client.post(ADD_URL, {**article_form(), **SIGN_OFF_AND_PUBLISH})
    assert response.status_code == 302
    article = Article.objects.get()
    assert '<h2 id="section-why">Why</h2>' in article.body_html
    assert client.get(article.get_absolute_url()).status_code == 200


def test_summary_over_160_characters_gets_a_clear_message(admin_client):
    response = admin_client.post(ADD_URL, article_form(summary="x" * 161))
    assert response.status_code == 200
    assert "Keep the summary to 160 characters or fewer" in response.content.decode()
    assert not Article.objects.exists()


def test_lead_image_needs_a_description(admin_client):
    upload = SimpleUploadedFile("lead.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = admin_client.post(ADD_URL, article_form(lead_image=upload))
    assert "Describe the lead image for people who cannot see it." in response.content.decode()
    assert not Article.objects.exists()


def test_review_needs_both_reviewer_and_date(admin_client):
    response = admin_client.post(ADD_URL, article_form(reviewed_by=ClinicianFactory().pk))
    assert "fill in both or neither" in response.content.decode()
    assert not Article.objects.exists()


def test_lead_image_is_served_as_responsive_renditions(reviewing_admin_client, client):
    upload = SimpleUploadedFile("lead.jpg", jpeg_bytes(1600, 900), content_type="image/jpeg")
    reviewing_admin_client.post(
        ADD_URL,
        {
            **article_form(lead_image=upload, lead_image_alt="A person stretching on a mat"),
            **SIGN_OFF_AND_PUBLISH,
        },
    )
    article = Article.objects.get()

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<source type="image/webp" srcset="' in html
    assert "-400.webp 400w" in html and "-800.webp 800w" in html and "-1200.webp 1200w" in html
    assert "-1200.jpg 1200w" in html
    assert 'width="1600" height="900" alt="A person stretching on a mat"' in html
    assert '<meta property="og:image" content="http://testserver/media/renditions/' in html
    widths = [rendition["width"] for rendition in article.lead_image_renditions["webp"]]
    assert widths == [400, 800, 1200]


def test_small_images_are_never_enlarged(admin_client):
    upload = SimpleUploadedFile("small.jpg", jpeg_bytes(500, 300), content_type="image/jpeg")
    admin_client.post(ADD_URL, article_form(lead_image=upload, lead_image_alt="Small"))
    assert [r["width"] for r in Article.objects.get().lead_image_renditions["fallback"]] == [400, 500]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.jpg", b"just some text, not a photo", "Upload a valid image"),
        (
            "drawing.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
            "Upload a valid image",
        ),
    ],
)
def test_files_that_are_not_images_are_refused(admin_client, name, content, message):
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    response = admin_client.post(ADD_URL, article_form(lead_image=upload, lead_image_alt="x"))
    assert message in response.content.decode()
    assert not Article.objects.exists()


def test_gif_is_refused_with_the_formats_we_accept(admin_client):
    buffer = BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")
    upload = SimpleUploadedFile("anim.gif", buffer.getvalue(), content_type="image/gif")
    response = admin_client.post(ADD_URL, article_form(lead_image=upload, lead_image_alt="x"))
    assert "Please upload a JPEG, PNG or WebP image (this one is GIF)." in response.content.decode()


def test_review_filter_finds_overdue_articles(admin_client):
    ArticleFactory(
        title="Overdue piece", reviewed_by=ClinicianFactory(), reviewed_on=datetime.date(2020, 1, 1)
    )
    ArticleFactory(title="Fresh piece", reviewed_by=ClinicianFactory(), reviewed_on=timezone.localdate())

    html = admin_client.get(
        reverse("admin:articles_article_changelist"), {"review": "overdue"}
    ).content.decode()

    assert "Overdue piece" in html
    assert "Fresh piece" not in html


def test_admin_article_list_filters_and_search_work(admin_client):
    ArticleFactory(title="Findable hips", status=Article.Status.DRAFT)
    ArticleFactory(title="Other words")
    url = reverse("admin:articles_article_changelist")
    assert "Findable hips" in admin_client.get(url, {"q": "findable"}).content.decode()
    assert "Other words" not in admin_client.get(url, {"status__exact": "draft"}).content.decode()


@contextmanager
def storage_down():
    """Storage that answers nothing, as object storage does in an outage."""
    outage = OSError("storage unreachable")
    with (
        mock.patch.object(FileSystemStorage, "open", side_effect=outage),
        mock.patch.object(FileSystemStorage, "size", side_effect=outage),
        mock.patch.object(FileSystemStorage, "exists", side_effect=outage),
    ):
        yield


def test_saving_text_never_reads_the_stored_lead_image_so_a_storage_outage_blocks_nothing(admin_client):
    upload = SimpleUploadedFile("lead.jpg", jpeg_bytes(), content_type="image/jpeg")
    admin_client.post(ADD_URL, article_form(lead_image=upload, lead_image_alt="A person on a mat"))
    article = Article.objects.get()
    change_url = reverse("admin:articles_article_change", args=[article.pk])

    with storage_down():
        response = admin_client.post(
            change_url,
            article_form(body="## Why\n\nEdited while storage was down.", lead_image_alt="A person on a mat"),
        )

    assert response.status_code == 302
    article.refresh_from_db()
    assert "Edited while storage was down." in article.body and article.lead_image.name


@pytest.mark.parametrize(
    "field",
    [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, ImageField)
    ],
    ids=str,
)
def test_every_picture_field_checks_new_uploads_only(field):
    """Every model form (the admin's among them) runs a field's checks on every save."""
    stored = FieldFile(field.model(), field, "stored/picture.jpg")
    with storage_down():
        field.run_validators(stored)

    # A new upload, as the model holds it until saved.
    upload = FieldFile(field.model(), field, "picture.jpg")
    upload.file = SimpleUploadedFile("picture.jpg", b"not a picture", content_type="image/jpeg")
    upload._committed = False
    with pytest.raises(ValidationError):
        field.run_validators(upload)

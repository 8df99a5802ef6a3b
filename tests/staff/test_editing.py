import re
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from PIL import Image

from articles.models import Article
from exercises.models import Exercise
from staff.models import GlossaryTerm
from tests.articles.test_admin import article_form
from tests.factories import ArticleFactory, BodyRegionFactory, ClinicianFactory, ExerciseFactory, StepFactory

pytestmark = pytest.mark.django_db
ADD_ARTICLE = reverse("admin:articles_article_add")
CAMERA_GPS_TAG = 0x8825


def photo_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "PhoneCo"
    exif[CAMERA_GPS_TAG] = {1: "N", 2: (45.0, 31.0, 12.0)}
    buffer = BytesIO()
    Image.new("RGB", (1200, 800), (90, 120, 60)).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def signed_off_draft():
    article = ArticleFactory(
        status="draft",
        title="Hip pain and the pelvic floor",
        slug="hip-pain-and-the-pelvic-floor",
        summary="How they connect.",
        body="## Why\n\nBecause.",
    )
    article.sign_off(ClinicianFactory())
    return article


def review_of(article):
    """The form fields that keep an article's review as it is."""
    return {
        "author": article.author_id,
        "reviewed_by": article.reviewed_by_id,
        "reviewed_on": f"{article.reviewed_on:%Y-%m-%d}",
        "next_review_on": f"{article.next_review_on:%Y-%m-%d}",
    }


class TestRevisions:
    def test_history_lists_what_changed_and_restores_an_old_text(self, admin_client, client):
        article = ArticleFactory(slug="hip-pain-and-the-pelvic-floor", body="## Original\n\nFirst words.")
        change = reverse("admin:articles_article_change", args=[article.pk])
        admin_client.post(
            change, article_form(author=article.author_id, body="## Rewritten\n\nSecond words.")
        )

        history = admin_client.get(
            reverse("admin:articles_article_history", args=[article.pk])
        ).content.decode()
        assert "Created" in history and "body" in history

        first = article.history.earliest()
        revert = reverse("admin:articles_article_simple_history", args=[article.pk, first.history_id])
        admin_client.post(revert, article_form(author=article.author_id, body=first.body))

        assert "First words." in client.get(article.get_absolute_url()).content.decode()
        assert article.history.count() == 3


class TestPublishing:
    def test_save_as_draft_keeps_it_off_the_site(self, admin_client, client):
        admin_client.post(ADD_ARTICLE, {**article_form(), "_save_draft": "Save as draft"})
        article = Article.objects.get()
        assert article.status == "draft"
        assert client.get(article.get_absolute_url()).status_code == 404

    def test_publish_now_puts_a_signed_off_page_up_at_once(self, admin_client, client):
        article = signed_off_draft()
        later = timezone.localtime() + timezone.timedelta(days=3)
        data = {
            **article_form(status="draft", published_at_0=f"{later:%Y-%m-%d}", **review_of(article)),
            "_publish_now": "Publish now",
        }
        admin_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
        assert client.get(article.get_absolute_url()).status_code == 200

    def test_a_future_publish_time_is_confirmed_as_scheduled(self, admin_client):
        article = signed_off_draft()
        later = timezone.localtime() + timezone.timedelta(days=3)
        response = admin_client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            article_form(published_at_0=f"{later:%Y-%m-%d}", **review_of(article)),
            follow=True,
        )
        assert (
            f"Scheduled: it will appear on the site on {format_date(later, 'F j')}"
            in response.content.decode()
        )

    def test_bulk_publish_and_unpublish_are_logged(self, admin_client, client):
        draft = signed_off_draft()
        changelist = reverse("admin:articles_article_changelist")
        admin_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
        assert client.get(draft.get_absolute_url()).status_code == 200
        admin_client.post(changelist, {"action": "unpublish", "_selected_action": [draft.pk]})
        assert client.get(draft.get_absolute_url()).status_code == 404
        messages = list(
            LogEntry.objects.filter(object_id=str(draft.pk)).values_list("change_message", flat=True)
        )
        assert sorted(messages) == ["Published", "Unpublished"]

    def test_duplicate_exercise_copies_steps_as_an_unreviewed_draft(self, admin_client):
        original = ExerciseFactory(name="Wall sit", slug="wall-sit", is_featured=True)
        original.body_regions.add(BodyRegionFactory())
        StepFactory(exercise=original, position=1, instruction="Lean on the wall.")
        StepFactory(exercise=original, position=2, instruction="Slide down.", hold_seconds=20)
        changelist = reverse("admin:exercises_exercise_changelist")

        admin_client.post(changelist, {"action": "duplicate", "_selected_action": [original.pk]})
        admin_client.post(changelist, {"action": "duplicate", "_selected_action": [original.pk]})

        copy = Exercise.objects.get(slug="wall-sit-copy")
        assert (copy.name, copy.status, copy.is_featured, copy.reviewed_on) == (
            "Wall sit (copy)",
            "draft",
            False,
            None,
        )
        assert list(copy.steps.values_list("position", "instruction", "hold_seconds")) == [
            (1, "Lean on the wall.", None),
            (2, "Slide down.", 20),
        ]
        assert copy.body_regions.count() == 1
        assert Exercise.objects.filter(slug="wall-sit-copy-2").exists()
        assert original.steps.count() == 2


class TestPlainLanguage:
    URL = reverse("staff:plain_language")

    def test_reading_grade_long_sentences_and_jargon(self, staff_client):
        GlossaryTerm.objects.create(term="bilateral", plainer="on both sides")
        long_sentence = " ".join(["word"] * 30) + "."
        text = f"## Heading\n\nThe pain is bilateral. Sit down. Breathe slowly.\n\n{long_sentence}\n\n[[exercise:x]]"

        report = staff_client.post(self.URL, {"text": text}).json()

        assert report["jargon"] == [{"term": "bilateral", "plainer": "on both sides"}]
        assert report["long_sentences"] == [long_sentence]
        assert isinstance(report["grade"], float)

    def test_harder_writing_scores_a_higher_grade(self, staff_client):
        easy = "Sit in a chair. Cross one leg. Lean in. Hold it. Breathe out."
        hard = (
            "Musculoskeletal dysfunction of the obturator internus frequently precipitates "
            "compensatory biomechanical alterations throughout the lumbopelvic complex."
        )
        easy_grade = staff_client.post(self.URL, {"text": easy}).json()["grade"]
        hard_grade = staff_client.post(self.URL, {"text": hard}).json()["grade"]
        assert easy_grade < 4 < 14 < hard_grade

    def test_each_list_item_counts_as_a_sentence(self, staff_client):
        items = "\n".join(f"- Sit on a chair and lean forward {n} times" for n in range(1, 9))

        report = staff_client.post(self.URL, {"text": f"Try these:\n\n{items}"}).json()

        assert report["long_sentences"] == []
        assert report["grade"] < 5

    def test_the_check_is_for_staff_only(self, client):
        assert client.post(self.URL, {"text": "hello"}).status_code == 302


class TestImageUploads:
    def upload(self, admin_client, name, content, content_type="image/jpeg"):
        upload = SimpleUploadedFile(name, content, content_type=content_type)
        return admin_client.post(ADD_ARTICLE, article_form(lead_image=upload, lead_image_alt="A photo"))

    def test_stored_photo_has_no_metadata_and_a_random_name(self, admin_client):
        self.upload(admin_client, "my-home-address.jpg", photo_with_gps())
        stored = Article.objects.get().lead_image
        assert re.fullmatch(r"articles/[0-9a-f]{32}\.jpg", stored.name)
        with Image.open(Path(settings.MEDIA_ROOT) / stored.name) as image:
            assert not image.getexif()

    @pytest.mark.parametrize(
        ("name", "make", "message"),
        [
            ("notes.jpg", lambda: b"a text file pretending", "Upload a valid image"),
            ("drawing.svg", lambda: b'<svg xmlns="http://www.w3.org/2000/svg"/>', "Upload a valid image"),
            ("truncated.jpg", lambda: photo_with_gps()[:2000], "not an image we can read"),
        ],
    )
    def test_bad_files_are_refused_with_a_message(self, admin_client, name, make, message):
        response = self.upload(admin_client, name, make())
        assert message in response.content.decode()
        assert not Article.objects.exists()

    def test_oversized_file_is_refused(self, admin_client, settings):
        noise = BytesIO()
        Image.frombytes("RGB", (1400, 1400), bytes(range(256)) * (1400 * 1400 * 3 // 256 + 1)).save(
            noise, "PNG", compress_level=0
        )
        assert len(noise.getvalue()) > 5 * 1024 * 1024
        response = self.upload(admin_client, "big.png", noise.getvalue(), "image/png")
        assert "please upload one under 5 MB" in response.content.decode()

    def test_decompression_bomb_is_refused(self, staff_client):
        bomb = BytesIO()
        Image.new("1", (20000, 20000)).save(bomb, "PNG")
        response = staff_client.post(
            reverse("markdownx_upload"),
            {"image": SimpleUploadedFile("bomb.png", bomb.getvalue(), "image/png")},
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )
        assert response.status_code == 400
        assert "far too many pixels" in str(response.json())


@pytest.mark.parametrize("path", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_phone_preview_frames_only_this_sites_pages(staff_client, path):
    response = staff_client.get(reverse("staff:phone_preview"), {"path": path})
    assert response.status_code == 400


def test_phone_preview_frames_a_site_page_for_staff(staff_client, client):
    url = reverse("staff:phone_preview")
    html = staff_client.get(url, {"path": "/articles/", "back": "/admin/"}).content.decode()
    assert '<iframe src="/articles/"' in html and 'href="/admin/">Back to editing' in html
    assert client.get(url, {"path": "/articles/"}).status_code == 302


def test_the_list_tells_a_scheduled_page_from_a_published_one(admin_client):
    later = timezone.now() + timezone.timedelta(days=2)
    ArticleFactory(title="Coming soon", published_at=later)
    ArticleFactory(title="Out now")
    ArticleFactory(title="Not yet", status="draft")

    rows = admin_client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert f"Scheduled for {format_date(timezone.localtime(later), 'M j, Y')}" in rows
    assert ">Published<" in rows and ">Draft<" in rows


def test_the_list_dates_each_review_state(admin_client):
    waiting = ArticleFactory(title="Waiting")
    Article.objects.filter(pk=waiting.pk).update(review_requested_at=datetime(2025, 3, 4, 1, 30, tzinfo=UTC))
    signed = ArticleFactory(title="Signed")
    signed_on = timezone.localdate() - timezone.timedelta(days=2)
    signed.sign_off(ClinicianFactory(), on=signed_on)

    rows = admin_client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert "Sent for review Mar 3, 2025" in rows  # the clinic's evening, UTC's next morning
    due = signed.next_review_on
    assert f"Signed off {format_date(signed_on, 'M j, Y')}; next due {format_date(due, 'M Y')}" in rows


def test_saving_text_with_an_undescribed_image_warns(admin_client):
    response = admin_client.post(
        ADD_ARTICLE,
        article_form(
            body="## Part\n\n![](/media/uploads/a.jpg)\n\n![Describe this picture for people who cannot see it](/media/uploads/b.jpg)\n\n![A chair](/media/uploads/c.jpg)"
        ),
        follow=True,
    )
    assert "2 images in the text have no description" in response.content.decode()


def test_admin_lists_give_the_page_to_the_list_and_keep_the_review_state_in_view(admin_client):
    ArticleFactory()
    html = admin_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert 'id="nav-sidebar"' not in html
    assert "css/admin-lists.css" in html
    assert "column-review_state" in html and "column-next_review_on" not in html

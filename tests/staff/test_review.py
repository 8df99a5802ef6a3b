import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from booking.models import BookingRequest
from tests.factories import ArticleFactory, ClinicianFactory, ExerciseFactory

pytestmark = pytest.mark.django_db
ARTICLES = reverse("admin:articles_article_changelist")


def sign_off(client, obj, changelist=ARTICLES):
    return client.post(changelist, {"action": "sign_off", "_selected_action": [obj.pk]}, follow=True)


def test_reviewer_sign_off_stamps_name_date_and_next_review(client_in, client):
    reviewer = client_in("Clinical reviewer")
    clinician = ClinicianFactory(name="Dr. Careful", credentials="PT, DPT", user=reviewer.user)
    article = ArticleFactory()

    response = sign_off(reviewer, article)

    assert "Signed off by Dr. Careful, PT, DPT today." in response.content.decode()
    article.refresh_from_db()
    today = timezone.localdate()
    assert (article.reviewed_by, article.reviewed_on) == (clinician, today)
    assert article.next_review_on == today + datetime.timedelta(days=365)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Clinically reviewed by" in page and "Dr. Careful, PT, DPT" in page
    assert f'"lastReviewed": "{today.isoformat()}"' in page
    assert LogEntry.objects.filter(
        object_id=str(article.pk), change_message__startswith="Clinical review signed off"
    ).exists()


def test_sign_off_needs_a_login_linked_to_a_clinician(client_in):
    reviewer = client_in("Clinical reviewer")
    article = ArticleFactory()
    response = sign_off(reviewer, article)
    assert "Your login is not linked to a clinician" in response.content.decode()
    article.refresh_from_db()
    assert article.reviewed_on is None


def test_a_text_change_after_sign_off_is_flagged(client_in):
    reviewer = client_in("Clinical reviewer")
    ClinicianFactory(user=reviewer.user)
    article = ArticleFactory(title="Steady title")
    sign_off(reviewer, article)
    assert "review--changed" not in reviewer.get(ARTICLES).content.decode()

    article.refresh_from_db()
    article.body += "\n\nA new paragraph with new advice."
    article.save()

    assert "review--changed" in reviewer.get(ARTICLES).content.decode()
    assert "Steady title" in reviewer.get(ARTICLES, {"review": "changed"}).content.decode()
    sign_off(reviewer, article)
    assert "Steady title" not in reviewer.get(ARTICLES, {"review": "changed"}).content.decode()


def test_exercise_step_edits_count_as_changes(client_in):
    reviewer = client_in("Clinical reviewer")
    ClinicianFactory(user=reviewer.user)
    exercise = ExerciseFactory()
    exercise.steps.create(position=1, instruction="Sit down.")
    exercises = reverse("admin:exercises_exercise_changelist")
    sign_off(reviewer, exercise, exercises)

    exercise.steps.update(instruction="Stand up.")
    exercise.refresh_from_db()
    exercise.refresh_content_hash()

    assert "review--changed" in reviewer.get(exercises).content.decode()


def test_pages_stay_out_of_search_engines_until_first_sign_off(client):
    article = ArticleFactory()
    assert '<meta name="robots" content="noindex">' in client.get(article.get_absolute_url()).content.decode()
    article.sign_off(ClinicianFactory())
    assert "noindex" not in client.get(article.get_absolute_url()).content.decode()
    exercise = ExerciseFactory()
    assert (
        '<meta name="robots" content="noindex">' in client.get(exercise.get_absolute_url()).content.decode()
    )


def test_admin_home_shows_what_needs_attention(client_in):
    BookingRequest.objects.create(first_name="Sam", email="sam@example.com", has_consented=True)
    ArticleFactory(status=Article.Status.DRAFT)
    ArticleFactory(reviewed_by=ClinicianFactory(), reviewed_on=datetime.date(2020, 1, 1))
    ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=2))

    desk = client_in("Front desk").get(reverse("admin:index")).content.decode()
    editor = client_in("Content editor").get(reverse("admin:index")).content.decode()

    assert "<strong>1</strong> new booking requests today" in desk
    assert "articles" not in desk.split("Needs attention")[1].split("</ul>")[0]
    assert "new booking requests" not in editor
    assert "<strong>1</strong> articles waiting for review" in editor
    assert "<strong>1</strong> articles past their review date" in editor
    assert "<strong>1</strong> scheduled articles" in editor

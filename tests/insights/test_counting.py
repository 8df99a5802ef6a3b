import csv
import io
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from booking.forms import source_token
from insights import tally
from insights.models import DailyCount
from public_forms.forms import started_token
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Version/18.1 Mobile Safari/604.1"
ADDRESS = "203.0.113.77"
LEAKING = "/articles/leaking-when-you-cough-or-jump/"
KEGELS = "/articles/when-kegels-help-and-when-they-dont/"


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


@pytest.fixture
def visitor():
    return Client(HTTP_USER_AGENT=PHONE, REMOTE_ADDR=ADDRESS)


def book_from(client, path):
    return client.post(
        "/book/",
        {
            "first_name": "Robin",
            "email": "robin@example.com",
            "preferred_time": "any",
            "has_consented": "on",
            "source": source_token(path),
            "started": started_token(),
        },
    )


def insights_page(client, query="days=7"):
    return client.get(f"/admin/insights/dailycount/?{query}").content.decode()


def test_the_clinic_sees_views_conversions_and_missed_searches(demo, visitor, admin_client):
    for _ in range(3):
        assert visitor.get(LEAKING).status_code == 200
    visitor.get(KEGELS)
    visitor.get("/?utm_campaign=Spring-Flyer", HTTP_REFERER="https://www.example.com/search?q=my+symptoms")
    for _ in range(3):
        visitor.get("/articles/search/?q=Pessary++fitting")
    visitor.get("/articles/search/?q=diastasis")
    visitor.get("/articles/search/?q=kegels")
    for _ in range(3):
        visitor.get("/articles/search/?q=robin@example.com")
    assert book_from(visitor, LEAKING).status_code == 302

    html = insights_page(admin_client)

    articles = html.split('id="articles-title"')[1].split("</section>")[0]
    assert "Leaking when you cough, laugh or jump" in articles
    assert (
        '<td class="number">3</td><td class="number">1</td><td class="number">0</td><td class="number">33.3</td>'
        in articles
    )
    searches = html.split('id="searches-title"')[1].split("</section>")[0]
    assert "pessary fitting" in searches and "diastasis" not in searches and "kegels" not in searches
    assert "robin" not in html and "my symptoms" not in html
    assert "example.com</td>" in html and "spring-flyer" in html
    assert "<svg" in html and "<strong>1</strong> booking requests" in html

    exported = list(
        csv.reader(
            io.StringIO(admin_client.get("/admin/insights/dailycount/?days=7&format=csv").content.decode())
        )
    )
    assert ["top pages", LEAKING, "3", "1"] in exported
    assert ["searches that found nothing", "pessary fitting", "3", ""] in exported


def test_the_article_edit_page_shows_its_own_last_thirty_days(demo, visitor, admin_client):
    from articles.models import Article

    visitor.get(LEAKING)
    visitor.get(LEAKING)
    book_from(visitor, LEAKING)
    article = Article.objects.get(slug="leaking-when-you-cough-or-jump")
    tally.flush()

    html = admin_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()

    assert (
        "Last 30 days: <strong>2</strong> views, <strong>1</strong> booking request from this page." in html
    )


@pytest.mark.parametrize(
    "admin_name", ["articles.Article", "exercises.Exercise", "clinic.Page", "quizzes.Quiz"]
)
def test_every_publishable_edit_page_shows_its_counts_and_phone_preview(demo, admin_client, admin_name):
    from django.apps import apps

    page = apps.get_model(admin_name).objects.first()

    html = admin_client.get(
        reverse(f"admin:{page._meta.app_label}_{page._meta.model_name}_change", args=[page.pk])
    ).content.decode()

    assert "Last 30 days: <strong>0</strong> views" in html
    assert "Preview at phone width" in html


def test_self_checks_count_completions_and_urgent_endings_but_no_answers(demo, visitor, admin_client):
    from quizzes.models import Quiz

    quiz = Quiz.objects.get(slug="am-i-ready-to-run-after-birth")
    red_flag = quiz.questions.get(position=1)
    answer = red_flag.answers.get(is_red_flag=True)
    visitor.post(f"/self-check/{quiz.slug}/", {f"q{red_flag.pk}": str(answer.pk)})

    html = insights_page(admin_client)

    row = html.split('id="self-checks-title"')[1].split("</section>")[0]
    assert "Am I ready to run after having a baby?" in row
    assert '<td class="number">1</td><td class="number">1</td>' in row
    assert not DailyCount.objects.filter(key__contains=str(answer.pk)).exclude(kind="view").exists()


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "curl/8.5.0",
        "python-requests/2.32",
    ],
)
def test_robots_and_scripts_are_not_counted(demo, agent):
    Client(HTTP_USER_AGENT=agent).get(LEAKING)
    tally.flush()
    assert not DailyCount.objects.exists()


def test_staff_reading_pages_and_link_prefetches_are_not_counted(demo, visitor, admin_client):
    admin_client.get(LEAKING, HTTP_USER_AGENT=PHONE)
    visitor.get(LEAKING, HTTP_SEC_PURPOSE="prefetch")
    visitor.get("/no-such-page/")
    tally.flush()
    assert not DailyCount.objects.exists()


def test_reading_searching_and_self_checks_leave_no_cookie_and_nothing_about_the_visitor(demo, visitor):
    responses = [
        visitor.get(path) for path in ("/", LEAKING, "/exercises/glute-bridge/", "/articles/search/?q=hips")
    ]
    responses.append(visitor.get("/self-check/am-i-ready-to-run-after-birth/"))
    responses.append(visitor.get("/articles/search/?q=pessary"))
    assert all(not response.cookies for response in responses)
    # The booking form's only cookie guards the form, and ends with the browser session.
    form_cookie = visitor.get("/book/").cookies
    assert list(form_cookie) == ["csrftoken"] and form_cookie["csrftoken"]["max-age"] == ""
    book_from(visitor, LEAKING)
    tally.flush()

    assert DailyCount.objects.filter(kind=DailyCount.Kind.VIEW).exists()
    everything = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - our own table names
            everything.extend(str(row) for row in cursor.fetchall())
    stored = "\n".join(everything)
    assert ADDRESS not in stored and "iPhone" not in stored and "Safari" not in stored


def test_counts_from_several_processes_add_up(demo, visitor):
    visitor.get(LEAKING)
    visitor.get(LEAKING)
    tally.flush()
    # Another server wrote its own batch for the same page and day meanwhile.
    DailyCount.objects.filter(kind="view", key=LEAKING).update(count=5)
    visitor.get(LEAKING)
    tally.flush()
    tally.flush()

    assert DailyCount.objects.get(kind="view", key=LEAKING).count == 6


def test_a_batch_the_database_did_not_take_is_kept_for_the_next_try(demo, visitor, monkeypatch):
    from django.db import DatabaseError
    from django.db.models import QuerySet

    visitor.get(LEAKING)
    real_update = QuerySet.update
    monkeypatch.setattr(
        QuerySet, "update", lambda *args, **kwargs: (_ for _ in ()).throw(DatabaseError("gone"))
    )
    tally.flush()
    monkeypatch.setattr(QuerySet, "update", real_update)
    tally.flush()

    assert DailyCount.objects.get(kind="view", key=LEAKING).count == 1


def test_days_older_than_the_retention_are_deleted(demo, visitor, settings, monkeypatch):
    settings.INSIGHTS_RETENTION_DAYS = 30
    today = timezone.localdate()
    DailyCount.objects.create(day=today - timedelta(days=31), kind="view", key=LEAKING, count=9)
    DailyCount.objects.create(day=today - timedelta(days=30), kind="view", key=LEAKING, count=4)
    monkeypatch.setattr(tally, "_last_pruned_on", None)
    visitor.get(LEAKING)
    tally.flush()

    assert sorted(DailyCount.objects.values_list("count", flat=True)) == [1, 4]


def test_one_setting_turns_counting_off_and_the_privacy_page_follows(demo, visitor, settings):
    assert "What we count" in Client().get("/privacy/").content.decode()
    settings.INSIGHTS_ENABLED = False

    visitor.get(LEAKING)
    book_from(visitor, LEAKING)
    tally.flush()

    assert not DailyCount.objects.exists()
    assert "This site does not count visits" in Client().get("/privacy/?off").content.decode()


def test_the_insights_page_is_for_staff_given_it(demo, client):
    editor = StaffFactory()
    client.force_login(editor)
    assert client.get("/admin/insights/dailycount/").status_code == 403
    call_command("setup_roles", verbosity=0)
    from django.contrib.auth.models import Group

    editor.groups.add(Group.objects.get(name="Clinic manager"))
    assert client.get("/admin/insights/dailycount/").status_code == 200


@pytest.mark.django_db
def test_a_flood_of_made_up_referrers_and_tags_adds_at_most_the_daily_bound(visitor, settings):
    settings.INSIGHTS_DISTINCT_KEYS_PER_DAY = 100
    tally.discard()
    for n in range(300):
        visitor.get(f"/?utm_campaign=flood-{n}", HTTP_REFERER=f"https://made-up-{n}.example/page?n={n}")
    visitor.get("/?utm_campaign=" + "x" * 200, HTTP_REFERER="https://=cmd|calc!A0/")
    tally.flush()

    for kind in (DailyCount.Kind.REFERRER, DailyCount.Kind.CAMPAIGN):
        rows = DailyCount.objects.filter(kind=kind)
        assert rows.count() == 101, kind  # 100 values and "other"
        assert sum(rows.values_list("count", flat=True)) == 300
        assert rows.get(key=DailyCount.OTHER).count == 200
    assert not DailyCount.objects.filter(key__contains="calc").exists()
    assert not DailyCount.objects.filter(key__startswith="xxx").exists()

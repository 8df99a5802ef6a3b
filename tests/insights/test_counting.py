import csv
import io
import re
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
from tests.insights.reading import beacon_of, read

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
        assert read(visitor, LEAKING).status_code == 200
    read(visitor, KEGELS)
    home = read(visitor, "/?utm_campaign=Spring-Flyer")
    # The page's script names the site the visitor came from.
    visitor.get(beacon_of(home.content.decode()) + "&from=www.example.com")
    for _ in range(3):
        read(visitor, "/articles/search/?q=Pessary++fitting")
    read(visitor, "/articles/search/?q=diastasis")
    read(visitor, "/articles/search/?q=kegels")
    for _ in range(3):
        read(visitor, "/articles/search/?q=robin@example.com")
    assert book_from(visitor, LEAKING).status_code == 302

    html = insights_page(admin_client)

    leading = html.split('id="leading-title"')[1].split("</section>")[0]
    assert "Leaking when you cough, laugh or jump</a></td><td>Article</td>" in leading
    assert (
        '<td class="number">3</td><td class="number">1</td><td class="number">0</td><td class="number">33.3</td>'
        in leading
    )
    searches = html.split('id="searches-title"')[1].split("</section>")[0]
    assert "pessary fitting" in searches and "diastasis" not in searches and "kegels" not in searches
    assert "robin" not in html and "my symptoms" not in html
    assert "example.com</td>" in html and "spring-flyer" in html
    assert "<svg" in html and "<strong>1</strong> booking requests" in html
    assert "<strong>13</strong> page views" in html  # four article views, the home page, eight searches

    exported = list(
        csv.reader(
            io.StringIO(admin_client.get("/admin/insights/dailycount/?days=7&format=csv").content.decode())
        )
    )
    assert [
        "top pages",
        "Leaking when you cough, laugh or jump",
        "3",
        "1",
        "0",
        "Article",
        "",
        "",
    ] in exported
    assert ["searches that found nothing", "pessary fitting", "3", "", "", "", "", ""] in exported


def test_the_article_edit_page_shows_its_own_last_thirty_days(demo, visitor, admin_client):
    from articles.models import Article

    read(visitor, LEAKING)
    read(visitor, LEAKING)
    book_from(visitor, LEAKING)
    article = Article.objects.get(slug="leaking-when-you-cough-or-jump")

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
    Client(HTTP_USER_AGENT="curl/8.5.0").post(
        f"/self-check/{quiz.slug}/", {f"q{red_flag.pk}": str(answer.pk)}
    )

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
    read(Client(HTTP_USER_AGENT=agent), LEAKING)
    assert not DailyCount.objects.exists()


def test_staff_reading_pages_and_prefetches_are_not_counted(demo, visitor, admin_client):
    read(admin_client, LEAKING, HTTP_USER_AGENT=PHONE)
    read(visitor, LEAKING, HTTP_SEC_PURPOSE="prefetch")
    read(visitor, LEAKING, HTTP_SEC_PURPOSE="prefetch;prerender")
    read(visitor, LEAKING, HTTP_PURPOSE="prefetch")
    read(visitor, "/no-such-page/")
    read(visitor, "/articles/no-such-article/")
    assert not DailyCount.objects.exists()


def test_the_beacon_is_never_kept_and_counts_only_what_the_site_signed(demo, visitor):
    beacon = beacon_of(visitor.get(LEAKING).content.decode())
    forged = beacon.replace("leaking", "kegels")

    answered = visitor.get(beacon)
    refused = [
        visitor.get(address)
        for address in (
            "/seen.gif",
            "/seen.gif?v=",
            "/seen.gif?v=" + "x" * 3000,
            forged.replace("?v=", "?v=a"),
        )
    ]

    assert answered.status_code == 200 and answered["Content-Type"] == "image/gif"
    assert "no-store" in answered["Cache-Control"] and "private" in answered["Cache-Control"]
    assert not answered.cookies
    for response in refused:
        assert response.status_code == 400
        assert "this site's own pages" in response.content.decode()
        assert "no-store" in response["Cache-Control"]
    assert visitor.post(beacon).status_code == 405
    assert visitor.head(beacon).status_code == 200
    assert list(DailyCount.objects.values_list("kind", "key", "count")) == [("view", LEAKING, 1)]


def test_reading_searching_and_self_checks_leave_no_cookie_and_nothing_about_the_visitor(demo, visitor):
    responses = [
        read(visitor, path) for path in ("/", LEAKING, "/exercises/glute-bridge/", "/articles/search/?q=hips")
    ]
    responses.append(read(visitor, "/self-check/am-i-ready-to-run-after-birth/"))
    responses.append(read(visitor, "/articles/search/?q=pessary"))
    assert all(not response.cookies for response in responses)
    # The booking form's only cookie guards the form, and ends with the browser session.
    form_cookie = visitor.get("/book/").cookies
    assert list(form_cookie) == ["csrftoken"] and form_cookie["csrftoken"]["max-age"] == ""
    book_from(visitor, LEAKING)

    assert DailyCount.objects.filter(kind=DailyCount.Kind.VIEW).exists()
    everything = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - our own table names
            everything.extend(str(row) for row in cursor.fetchall())
    stored = "\n".join(everything)
    assert ADDRESS not in stored and "iPhone" not in stored and "Safari" not in stored


def test_each_view_is_saved_before_the_answer_and_adds_to_other_servers_counts(demo, visitor):
    read(visitor, LEAKING)
    assert DailyCount.objects.get(kind="view", key=LEAKING).count == 1
    # Another server counted the same page meanwhile.
    DailyCount.objects.filter(kind="view", key=LEAKING).update(count=5)
    read(visitor, LEAKING)

    assert DailyCount.objects.get(kind="view", key=LEAKING).count == 6


def test_a_count_the_database_did_not_take_still_answers_the_visitor(demo, visitor, monkeypatch):
    from django.db import DatabaseError
    from django.db.models import QuerySet

    beacon = beacon_of(visitor.get(LEAKING).content.decode())
    monkeypatch.setattr(
        QuerySet, "update", lambda *args, **kwargs: (_ for _ in ()).throw(DatabaseError("gone"))
    )
    assert visitor.get(beacon).status_code == 200


def test_days_older_than_the_retention_are_deleted(demo, visitor, settings, monkeypatch):
    settings.INSIGHTS_RETENTION_DAYS = 30
    today = timezone.localdate()
    DailyCount.objects.create(day=today - timedelta(days=31), kind="view", key=LEAKING, count=9)
    DailyCount.objects.create(day=today - timedelta(days=30), kind="view", key=LEAKING, count=4)
    monkeypatch.setattr(tally, "_last_pruned_on", None)
    read(visitor, KEGELS)

    assert sorted(DailyCount.objects.values_list("count", flat=True)) == [1, 4]


def test_one_setting_turns_counting_off_and_the_privacy_page_follows(demo, visitor, settings):
    assert "What we count" in Client().get("/privacy/").content.decode()
    beacon = beacon_of(visitor.get(LEAKING).content.decode())
    settings.INSIGHTS_ENABLED = False

    visitor.get(beacon)
    book_from(visitor, LEAKING)

    assert not DailyCount.objects.exists()
    assert beacon_of(visitor.get(KEGELS).content.decode()) is None
    assert "This site does not count visits" in Client().get("/privacy/?off").content.decode()


def test_the_insights_page_is_for_staff_given_it(demo, client):
    editor = StaffFactory()
    client.force_login(editor)
    assert client.get("/admin/insights/dailycount/").status_code == 403
    call_command("setup_roles", verbosity=0)
    from django.contrib.auth.models import Group

    editor.groups.add(Group.objects.get(name="Clinic manager"))
    assert client.get("/admin/insights/dailycount/").status_code == 200


def test_a_flood_of_made_up_referrers_and_tags_adds_at_most_the_daily_bound(demo, visitor, settings):
    settings.INSIGHTS_DISTINCT_KEYS_PER_DAY = 100
    beacon = beacon_of(visitor.get("/").content.decode())
    for n in range(300):
        visitor.get(beacon, HTTP_REFERER=f"http://testserver/?utm_campaign=flood-{n}")
        visitor.get(f"{beacon}&from=made-up-{n}.example")
    visitor.get(beacon, HTTP_REFERER="http://testserver/?utm_campaign=" + "x" * 200)
    visitor.get(f"{beacon}&from==cmd|calc!A0")

    for kind in (DailyCount.Kind.REFERRER, DailyCount.Kind.CAMPAIGN):
        rows = DailyCount.objects.filter(kind=kind)
        assert rows.count() == 101, kind  # 100 values and "other"
        assert sum(rows.values_list("count", flat=True)) == 300
        assert rows.get(key=DailyCount.OTHER).count == 200
    assert not DailyCount.objects.filter(key__contains="calc").exists()
    assert not DailyCount.objects.filter(key__startswith="xxx").exists()


def test_every_kind_of_page_shows_its_title_views_requests_and_calls(demo, visitor, admin_client, settings):
    settings.FORM_RATE_LIMIT_PER_MINUTE = 100
    from clinic.models import Page
    from clinicians.models import Clinician

    every_kind = {
        "Home": ("/", "Home page"),
        "Article": (LEAKING, "Leaking when you cough, laugh or jump"),
        "Exercise": ("/exercises/glute-bridge/", "Glute bridge"),
        "Self-check": (
            "/self-check/am-i-ready-to-run-after-birth/",
            "Am I ready to run after having a baby?",
        ),
        "Topic": ("/articles/topics/bladder-and-bowel/", "Bladder and bowel"),
        "Clinician": (Clinician.objects.first().get_absolute_url(), Clinician.objects.first().name),
        "Clinic page": (
            Page.objects.published().first().get_absolute_url(),
            Page.objects.published().first().title,
        ),
    }
    for path, _ in every_kind.values():
        assert read(visitor, path).status_code == 200, path
        assert book_from(visitor, path).status_code == 302
    # A call booked from the exercise: counted where the booking view records it.
    from publishing.events import CountedEvent, record

    booked_from = every_kind["Exercise"][0]
    record(visitor.get("/").wsgi_request, CountedEvent.BOOKED_CALL, booked_from)

    html = insights_page(admin_client)
    leading = html.split('id="leading-title"')[1].split("</section>")[0]
    for kind, (path, title) in every_kind.items():
        calls = 1 if path == booked_from else 0
        assert (
            f'<a href="{path}">{title}</a></td><td>{kind}</td><td class="number">1</td>'
            f'<td class="number">1</td><td class="number">{calls}</td><td class="number">100.0</td>'
        ) in leading, kind


def test_the_page_says_how_fresh_the_numbers_are_and_compares_with_the_period_before(
    demo, visitor, admin_client
):
    today = timezone.localdate()
    DailyCount.objects.create(day=today - timedelta(days=7), kind="view", key=LEAKING, count=4)
    DailyCount.objects.create(day=today - timedelta(days=13), kind="booking", key=LEAKING, count=2)
    DailyCount.objects.create(day=today - timedelta(days=14), kind="view", key=LEAKING, count=50)
    for _ in range(6):
        read(visitor, LEAKING)
    book_from(visitor, LEAKING)

    html = insights_page(admin_client, "days=7")
    exported = list(csv.reader(io.StringIO(insights_page(admin_client, "days=7&format=csv"))))

    assert re.search(r"Counted up to <strong>\d\d:\d\d</strong> today", html)
    assert '<strong>6</strong> page views <span class="insights__change">up 50% (previous 7 days: 4)' in html
    assert (
        '<strong>1</strong> booking requests <span class="insights__change">down 50% (previous 7 days: 2)'
        in html
    )
    assert '<strong>0</strong> calls booked <span class="insights__change">no change' in html
    assert exported[1][0] == "counted up to" and exported[1][1].startswith(today.isoformat())
    assert ["totals", "page views", "6", "", "", "", "4", "up 50%"] in exported
    assert ["totals", "booking requests", "1", "", "", "", "2", "down 50%"] in exported

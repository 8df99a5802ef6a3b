"""Only pages people read are counted, each view once: every URL in the URL configuration is
opened as a visitor opens it, and only the pages in `COUNTED_PAGES` carry the view beacon; every
other address (the offline page, the manifest, feeds, sitemaps, robots.txt, JSON, the health check,
forms, personal links, error pages, staff pages) counts nothing."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

from clinic.models import Page
from clinicians.models import Clinician
from insights.beacon import COUNTED_PAGES
from insights.models import DailyCount
from newsletter.models import Subscriber
from newsletter.services import confirm_url, unsubscribe_url
from scheduling import links, services
from tests.insights.reading import beacon_of
from tests.scheduling.calls import every_free_time

pytestmark = pytest.mark.django_db

PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Version/18.1 Mobile Safari/604.1"
# Never a page view, whatever COUNTED_PAGES says: what the service worker, the browser or a feed
# reader fetches for itself, and each visitor's own links.
NEVER_PAGES = {
    "offline",
    "web_manifest",
    "service_worker",
    "exercises:catalog",
    "articles:feed",
    "sitemap",
    "sitemap-section",
    "robots",
    "view_beacon",
    "quizzes:result",
    "scheduling:manage",
    "newsletter:confirm",
    "newsletter:unsubscribe",
    "booking:request",
    "booking:thanks",
}
NOT_IN_THE_URLCONF = ["/health/", "/no-such-page/", "/articles/no-such-article/", "/team/no-one/"]


def sample(pattern):
    """A path that `pattern` matches, with made-up values for its parameters."""
    if isinstance(pattern, RegexPattern):
        regex = pattern._regex.lstrip("^").rstrip("$")
        regex = re.sub(r"\(\?P<\w+>(\w+)(?:\|[^)]*)?\)", r"\1", regex)  # a choice of names: the first
        regex = re.sub(r"\(\?P<\w+>[^)]*\)", "1", regex)
        return regex.replace("\\", "")
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda match: "1" if match[1].endswith("id") else "x", str(pattern))


def every_route(patterns=None, prefix="", namespace=""):
    """(URL name, path) for every pattern in the URL configuration, with made-up parameters."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from every_route(entry.url_patterns, prefix + sample(entry.pattern), inner)
        else:
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, "/" + prefix + sample(entry.pattern)


@pytest.fixture
def real_addresses(demo, every_day_nine_to_ten):
    """Real addresses for the routes whose parameters name something: live content, and a
    visitor's own links, which must never be counted."""
    from articles.models import Article, Topic
    from exercises.models import Exercise
    from quizzes.models import Quiz

    starts_at = every_free_time()[0].starts_at
    call = services.intro_call_book(
        starts_at=starts_at,
        first_name="Robin",
        email="robin@example.com",
        phone="503 555 0100",
        has_consented=True,
        source_path="/",
    )
    subscriber = Subscriber.objects.create(email="sam@example.com")
    quiz = Quiz.objects.published().first()
    result = Client(HTTP_USER_AGENT=PHONE).post(quiz.get_absolute_url(), {})
    manage = urlsplit(links.manage_url(call)).path
    return {
        "articles:detail": Article.objects.published().first().get_absolute_url(),
        "articles:topic": Topic.objects.with_published_articles().first().get_absolute_url(),
        "exercises:detail": Exercise.objects.published().first().get_absolute_url(),
        "quizzes:take": quiz.get_absolute_url(),
        "quizzes:result": result["Location"]
        if result.status_code == 302
        else quiz.get_absolute_url() + "result/",
        "clinicians:detail": Clinician.objects.first().get_absolute_url(),
        "page": Page.objects.published().first().get_absolute_url(),
        "scheduling:manage": manage,
        "scheduling:cancel": manage + "cancel/",
        "scheduling:reschedule": manage + "new-time/",
        "scheduling:calendar": manage + "calendar.ics",
        "newsletter:confirm": urlsplit(confirm_url(subscriber)).path,
        "newsletter:unsubscribe": urlsplit(unsubscribe_url(subscriber)).path,
    }


def test_only_the_pages_people_read_carry_the_beacon_and_nothing_else_counts(real_addresses):
    visitor = Client(HTTP_USER_AGENT=PHONE)
    routes = [(name, real_addresses.get(name, path)) for name, path in every_route()]
    routes += [(None, path) for path in NOT_IN_THE_URLCONF]
    assert {name for name, _ in routes} >= COUNTED_PAGES, "a counted page that is no longer in the URLconf"

    carrying, counted_views = [], 0
    for name, path in routes:
        response = visitor.get(path)
        page = response.content.decode(errors="replace") if not response.streaming else ""
        if beacon := beacon_of(page):
            carrying.append(name)
            assert response.status_code == 200, path
            assert visitor.get(beacon, HTTP_REFERER=f"http://testserver{path}").status_code == 200
            counted_views += 1
        elif name in COUNTED_PAGES:
            pytest.fail(f"{path} ({name}) is a page people read but carries no beacon")

    assert sorted(carrying) == sorted(COUNTED_PAGES)
    assert not NEVER_PAGES & set(carrying)
    counted = dict(DailyCount.objects.filter(kind="view").values_list("key", "count"))
    assert sum(counted.values()) == counted_views == len(COUNTED_PAGES)
    assert set(counted) == {path for name, path in routes if name in COUNTED_PAGES}

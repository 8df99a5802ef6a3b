"""Hostile input on every public form and query parameter: a clear answer, never a server error."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from public_forms.forms import started_token

pytestmark = pytest.mark.django_db

# Text that visitors, bots and attackers send: anything printable, control characters, very long
# strings, markup and SQL-ish fragments.
HOSTILE = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=40),
    st.sampled_from(
        ["<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "\x00", "%00", "9" * 400, "🙂" * 50]
    ),
)
FORMS = {
    "/book/": [
        "first_name",
        "email",
        "phone",
        "preferred_time",
        "has_consented",
        "source",
        "started",
        "website",
    ],
    "/newsletter/": ["email", "started", "website"],
    "/book/call/": ["slot", "first_name", "email", "phone", "has_consented", "started", "day"],
}
QUERIES = [
    ("/articles/search/", "q"),
    ("/articles/", "page"),
    ("/exercises/", "kind"),
    ("/exercises/", "region"),
    ("/exercises/", "equipment"),
    ("/exercises/my-routine/", "e"),
    ("/book/", "from"),
    ("/book/call/", "day"),
    ("/self-check/is-my-hip-pain-pelvic-floor-related/result/", "answers"),
]
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def demo(demo, settings):
    settings.FORM_RATE_LIMIT_PER_MINUTE = 100_000


@pytest.mark.parametrize("url", list(FORMS))
def test_public_forms_never_fail_on_hostile_posts(demo, url):
    fields = FORMS[url]

    @FUZZ
    @given(st.fixed_dictionaries({}, optional={name: HOSTILE for name in fields}))
    def post(data):
        response = Client().post(url, data)
        assert response.status_code < 500, (url, data)

    post()


@pytest.mark.parametrize(("url", "parameter"), QUERIES)
def test_query_parameters_never_fail_on_hostile_values(demo, url, parameter):
    @FUZZ
    @given(HOSTILE)
    def get(value):
        response = Client().get(url, {parameter: value})
        assert response.status_code < 500, (url, parameter, value)

    get()


def test_the_self_check_never_fails_on_hostile_answers(demo):
    from quizzes.models import Quiz

    quiz = Quiz.objects.get(slug="is-my-hip-pain-pelvic-floor-related")
    names = [f"q{pk}" for pk in quiz.questions.values_list("pk", flat=True)]

    @FUZZ
    @given(st.fixed_dictionaries({}, optional={name: st.lists(HOSTILE, max_size=3) for name in names}))
    def post(data):
        response = Client().post(quiz.get_absolute_url(), data)
        assert response.status_code < 500, data

    post()


# Moments as a form or link may carry them: any instant in any zone, the edges of the calendar,
# where converting to UTC overflows, and near-misses of the format.
CALENDAR_EDGES = [
    "0001-01-01T00:00:00+05:00",
    "0001-01-01T00:00:00+00:00",
    "0001-01-01T07:59:59Z",
    "0001-01-01T00:00:00-05:00",
    "9999-12-31T23:59:59-12:00",
    "9999-12-31T23:59:59+14:00",
    "9999-12-31T23:59:59+00:00",
    "2026-02-30T10:00:00+00:00",
    "2026-03-08T02:30:00-08:00",
    "2026-01-01T10:00:00",
]
MOMENTS = st.one_of(
    st.datetimes(timezones=st.timezones()).map(lambda moment: moment.isoformat()),
    st.sampled_from(CALENDAR_EDGES),
    HOSTILE,
)
# Every page whose address carries a value the site parses: slugs, signed links, stored files.
PATHS = [
    "/media/{}",
    "/media/uploads/{}",
    "/book/call/{}/",
    "/book/call/{}/new-time/",
    "/newsletter/confirm/{}/",
    "/newsletter/unsubscribe/{}/",
    "/articles/{}/",
    "/articles/topics/{}/",
    "/exercises/{}/",
    "/self-check/{}/",
    "/self-check/{}/result/",
    "/sitemap-{}.xml",
]


def answers_to_a_crafted_time(slot, day):
    posted = Client().post(
        "/book/call/", {"slot": slot, "day": day, "first_name": "Sam", "started": started_token()}
    )
    return posted.status_code, Client().get("/book/call/", {"day": day}).status_code


@pytest.mark.parametrize("edge", CALENDAR_EDGES)
def test_call_times_at_the_calendars_edges_are_refused_plainly(demo, edge):
    assert answers_to_a_crafted_time(edge, edge[:10]) == (200, 200)


def test_crafted_call_times_never_fail(demo):
    @FUZZ
    @given(MOMENTS, MOMENTS)
    def post(slot, day):
        assert max(answers_to_a_crafted_time(slot, day)) < 500, (slot, day)

    post()


@pytest.mark.parametrize("pattern", PATHS)
def test_hostile_values_in_addresses_never_fail(demo, pattern):
    @FUZZ
    @given(st.one_of(HOSTILE, st.sampled_from(["%00", "\x00", "a\x00b.jpg", "..%2f..%2fetc", "%ff%fe", "."])))
    def get(value):
        path = pattern.format(value)
        for method in ("get", "head", "post"):
            response = getattr(Client(), method)(path)
            assert response.status_code < 500, (method, path)

    get()

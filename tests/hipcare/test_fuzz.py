"""Hostile input on every public form and query parameter: a clear answer, never a server error."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
def demo(db, settings):
    settings.FORM_RATE_LIMIT_PER_MINUTE = 100_000
    call_command("load_demo", stdout=StringIO())


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

    quiz = Quiz.objects.get()
    names = [f"q{pk}" for pk in quiz.questions.values_list("pk", flat=True)]

    @FUZZ
    @given(st.fixed_dictionaries({}, optional={name: st.lists(HOSTILE, max_size=3) for name in names}))
    def post(data):
        response = Client().post(quiz.get_absolute_url(), data)
        assert response.status_code < 500, data

    post()

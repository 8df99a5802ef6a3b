import base64
import contextlib
import logging
import re
import zlib
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from exercises.models import Exercise
from quizzes.models import Quiz
from tests.factories import ArticleFactory, ExerciseFactory, QuizFactory, TopicFactory
from tests.quizzes.conftest import answers

pytestmark = pytest.mark.django_db
TABLES_OF_CONTENT = ("quizzes_", "exercises_", "articles_")


def submit(client, quiz, data):
    return client.post(quiz.get_absolute_url(), data)


def result_of(client, quiz, data):
    response = submit(client, quiz, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page.content.decode()


def test_intro_and_every_question_are_on_one_page(client, quiz):
    html = client.get(quiz.get_absolute_url()).content.decode()
    assert "<strong>Not a diagnosis.</strong>" in html
    assert html.count("data-quiz-question") == 4
    assert html.count(f'type="radio" name="q{quiz.scale.pk}"') == 11


@pytest.mark.parametrize(
    ("choices", "expected_total", "outcome"),
    [
        ({}, 0, "Probably fine"),
        ({"single": "pinch", "scale": 1}, 4, "Probably fine"),  # top edge of the lowest band
        ({"single": "pinch", "scale": 2}, 5, "Tension likely"),  # bottom edge of the middle band
        ({"single": "ache", "multiple": ["stuck", "pregnant"], "scale": 5}, 9, "Tension likely"),
        ({"single": "ache", "multiple": ["stuck", "pregnant"], "scale": 6}, 10, "Get assessed"),
        ({"single": "pinch", "multiple": ["stuck", "pregnant"], "scale": 10}, 16, "Get assessed"),
    ],
)
def test_each_band_and_its_edges(client, quiz, choices, expected_total, outcome):
    data = answers(
        quiz,
        single=getattr(quiz.single, choices["single"]) if "single" in choices else None,
        multiple=[getattr(quiz.multiple, name) for name in choices.get("multiple", [])],
        scale=choices.get("scale", 0),
    )
    html = result_of(client, quiz, data)
    assert f'<h2 id="outcome-title" class="result__title">{outcome}</h2>' in html
    assert "Please get medical help now" not in html


def test_red_flag_overrides_any_score_and_shows_urgent_guidance_first(client, quiz):
    html = result_of(client, quiz, answers(quiz, flag=quiz.flag.yes, single=quiz.single.pinch, scale=10))
    assert "Please get medical help now" in html
    assert "Go to urgent care <strong>now</strong>." in html
    assert "outcome-title" not in html
    # The emergency number first, and nothing else to do before it: no booking card, no sign-up.
    assert (
        html.index("Please get medical help now")
        < html.index('href="tel:911"')
        < html.index("Go to urgent care")
    )
    assert "Book a free 10-minute call" not in html and "newsletter" not in html.lower()


def test_red_flag_questions_are_asked_first(client, quiz):
    quiz.flag.position = 9
    quiz.flag.save()
    html = client.get(quiz.get_absolute_url()).content.decode()
    assert html.index("Numb between your legs?") < html.index("What is it like?")


def test_a_red_flag_answer_alone_goes_straight_to_urgent_guidance(client, quiz, clinic_profile):
    clinic_profile.emergency_number = "112"
    clinic_profile.save()
    response = submit(client, quiz, {f"q{quiz.flag.pk}": quiz.flag.yes.pk})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Please get medical help now" in html and 'href="tel:112"' in html
    assert "<dt>Numb between your legs?</dt><dd>Yes</dd>" in html


def test_an_answer_without_a_red_flag_still_needs_the_rest(client, quiz):
    response = submit(client, quiz, {f"q{quiz.flag.pk}": quiz.flag.no.pk})
    assert response.status_code == 200 and "Please answer this question." in response.content.decode()


def test_result_recommends_exercises_and_offers_booking_and_a_printable_list(client, quiz):
    html = result_of(client, quiz, answers(quiz, single=quiz.single.ache, multiple=[quiz.multiple.stuck]))
    assert "Recommended stretch" in html
    assert "Book a free 10-minute call" in html
    assert "<dt>What is it like?</dt><dd>Ache</dd>" in html
    assert "<dt>How much does it bother you?</dt><dd>0 out of 10</dd>" in html
    assert "This is not a diagnosis." in html


def test_result_lists_only_public_recommendations_with_their_authors(client, quiz):
    low = quiz.outcomes.get(title="Probably fine")
    low.recommended_articles.add(
        ArticleFactory(title="Live article", author__name="Dr. Ana Ortiz"),
        ArticleFactory(title="Draft article", status=Article.Status.DRAFT),
    )
    low.recommended_exercises.add(ExerciseFactory(name="Draft stretch", status=Exercise.Status.DRAFT))

    html = result_of(client, quiz, answers(quiz))

    assert "Live article" in html and "Dr. Ana Ortiz" in html and "Recommended stretch" in html
    assert "Draft article" not in html and "Draft stretch" not in html


def test_result_page_queries_do_not_grow_with_recommendations(client, quiz):
    low = quiz.outcomes.get(title="Probably fine")

    def queries_with(count):
        low.recommended_articles.add(*ArticleFactory.create_batch(count))
        low.recommended_exercises.add(*ExerciseFactory.create_batch(count))
        location = submit(client, quiz, answers(quiz))["Location"]
        with CaptureQueriesContext(connection) as queries:
            assert client.get(location).status_code == 200
        return len(queries)

    assert queries_with(3) == queries_with(27)


def test_a_repeat_result_page_reads_no_self_check_rows_and_an_edit_shows_at_once(client, quiz):
    location = submit(client, quiz, answers(quiz))["Location"]
    assert "Recommended stretch" in client.get(location).content.decode()

    with CaptureQueriesContext(connection) as queries:
        assert client.get(location).status_code == 200
    # Only the self-check itself, which may have been taken down since.
    read = [query["sql"] for query in queries if any(app in query["sql"] for app in TABLES_OF_CONTENT)]
    assert len(read) == 1 and 'FROM "quizzes_quiz"' in read[0]

    low = quiz.outcomes.get(title="Probably fine")
    low.title = "Likely nothing serious"
    low.save()
    quiz.single.text = "How does it feel?"
    quiz.single.save()
    low.recommended_exercises.get().delete()

    html = client.get(location).content.decode()
    assert "Likely nothing serious" in html and "How does it feel?" in html
    assert "Recommended stretch" not in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda quiz, data: data.pop(f"q{quiz.single.pk}"), "Please answer this question."),
        (
            lambda quiz, data: data.pop(f"q{quiz.multiple.pk}"),
            "Please choose at least one answer (or “None of these”).",
        ),
        (
            lambda quiz, data: data.update({f"q{quiz.single.pk}": 999999}),
            "That answer isn&#x27;t one of the choices.",
        ),
        (
            lambda quiz, data: data.update({f"q{quiz.single.pk}": quiz.multiple.stuck.pk}),
            "That answer isn&#x27;t one of the choices.",
        ),
        (
            lambda quiz, data: data.update({f"q{quiz.single.pk}": "DROP TABLE"}),
            "That answer isn&#x27;t one of the choices.",
        ),
        (
            lambda quiz, data: data.update(
                {f"q{quiz.single.pk}": [quiz.single.ache.pk, quiz.single.pinch.pk]}
            ),
            "Please choose only one answer.",
        ),
        (lambda quiz, data: data.update({f"q{quiz.scale.pk}": 11}), "Please choose a number from 0 to 10."),
        (lambda quiz, data: data.update({f"q{quiz.scale.pk}": "-1"}), "Please choose a number from 0 to 10."),
        (lambda quiz, data: data.update({f"q{quiz.scale.pk}": "³"}), "Please choose a number from 0 to 10."),
        (
            lambda quiz, data: data.update({f"q{quiz.scale.pk}": "9" * 5000}),
            "Please choose a number from 0 to 10.",
        ),
        (
            lambda quiz, data: data.update({f"q{quiz.single.pk}": "¹"}),
            "That answer isn&#x27;t one of the choices.",
        ),
        (
            lambda quiz, data: data.update({f"q{quiz.single.pk}": "٣"}),
            "That answer isn&#x27;t one of the choices.",
        ),
        (
            lambda quiz, data: data.update({f"q{quiz.multiple.pk}": ["9" * 5000]}),
            "That answer isn&#x27;t one of the choices.",
        ),
    ],
    ids=[
        "missing",
        "missing-multiple",
        "unknown",
        "other-question",
        "text",
        "two-for-one",
        "scale-high",
        "scale-negative",
        "scale-superscript",
        "scale-huge",
        "choice-superscript",
        "choice-non-latin-digit",
        "choice-huge",
    ],
)
def test_bad_answers_get_clear_messages_and_keep_the_rest(client, quiz, change, message):
    data = answers(quiz, single=quiz.single.ache)
    change(quiz, data)
    response = submit(client, quiz, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Please check 1 question" in html
    assert re.search(r"Question [1-4]: ", html)
    assert re.search(rf'value="{quiz.flag.no.pk}" checked', html)


def test_tampered_result_link_is_refused_kindly(client, quiz):
    location = submit(client, quiz, answers(quiz))["Location"]
    forged = location[:-6] + ("AAAAAA" if not location.endswith("AAAAAA") else "BBBBBB")
    response = client.get(forged)
    assert response.status_code == 400
    assert "This result link doesn't work" in response.content.decode()
    assert client.get(quiz.get_absolute_url() + "result/").status_code == 400
    assert client.get(quiz.get_absolute_url() + "result/?answers=%00%ff").status_code == 400


def test_result_link_for_a_quiz_that_changed_since_is_refused(client, quiz):
    location = submit(client, quiz, answers(quiz, single=quiz.single.ache))["Location"]
    quiz.single.ache.delete()
    assert client.get(location).status_code == 400


def readable_text(token):
    """All a person holding the link could read from it without the server's key."""
    padded = token.split(":")[0] + "=" * (-len(token) % 4)
    raw = base64.urlsafe_b64decode(padded.lstrip("."))
    for attempt in (lambda: zlib.decompress(raw), lambda: zlib.decompress(raw[1:]), lambda: raw):
        with contextlib.suppress(zlib.error):
            return attempt().decode("latin-1")
    return ""


def test_a_result_link_cannot_be_read_without_the_servers_key(client, quiz, settings):
    data = answers(quiz, single=quiz.single.pinch, multiple=[quiz.multiple.pregnant], scale=7)
    location = submit(client, quiz, data)["Location"]
    token = unquote(location.split("answers=")[1])

    readable = readable_text(token)
    for question in (quiz.single, quiz.multiple, quiz.scale):
        assert f'"{question.pk}"' not in readable
    assert client.get(location).status_code == 200
    # The same link under another secret key, or for another self-check, opens nothing.
    other = QuizFactory()
    assert client.get(f"{other.get_absolute_url()}result/?answers={token}").status_code == 400
    old_key, settings.SECRET_KEY = settings.SECRET_KEY, "another-key-" + "y" * 50
    assert client.get(location).status_code == 400
    settings.SECRET_KEY_FALLBACKS = [old_key]  # a rotated key keeps earlier links working
    assert client.get(location).status_code == 200


def test_answers_are_never_written_to_the_database_or_logs(client, quiz, caplog):
    data = answers(quiz, single=quiz.single.pinch, multiple=[quiz.multiple.pregnant], scale=7)
    with caplog.at_level(logging.DEBUG), CaptureQueriesContext(connection) as queries:
        location = submit(client, quiz, data)["Location"]
        html = client.get(location).content.decode()
    assert "Pregnant" in html
    writes = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    # The rate limit counts the post under a keyed hash of the door, the address and the minute.
    assert [sql for sql in writes if "public_forms_tally" not in sql] == []
    token = location.split("answers=")[1]
    logged = "\n".join(
        record.getMessage() for record in caplog.records if not record.name.startswith("django.db")
    )
    assert token not in logged and "Pregnant" not in logged


def test_drafts_are_hidden_from_visitors_but_open_to_staff(client, staff_client, quiz):
    Quiz.objects.filter(pk=quiz.pk).update(status=Quiz.Status.DRAFT)
    assert client.get(quiz.get_absolute_url()).status_code == 404
    assert staff_client.get(quiz.get_absolute_url()).status_code == 200


def test_article_pages_invite_readers_to_the_self_check_on_their_topic(client, quiz):
    hips = TopicFactory()
    quiz.topics.set([hips])
    article = ArticleFactory()
    assert f'href="{quiz.get_absolute_url()}"' not in client.get(article.get_absolute_url()).content.decode()
    article.topics.set([hips])
    assert f'href="{quiz.get_absolute_url()}"' in client.get(article.get_absolute_url()).content.decode()


def test_pages_invite_readers_to_the_newest_live_self_check_on_their_topic_only(client):
    now = timezone.now()
    hips = TopicFactory()
    older = QuizFactory(summary="The older check.", published_at=now - timezone.timedelta(days=9))
    newest = QuizFactory(summary="The newest check.", published_at=now - timezone.timedelta(days=2))
    draft = QuizFactory(summary="A draft check.", status=Quiz.Status.DRAFT, published_at=now)
    scheduled = QuizFactory(summary="A scheduled check.", published_at=now + timezone.timedelta(days=1))
    for check in (older, newest, draft, scheduled):
        check.topics.set([hips])
    article = ArticleFactory()
    article.topics.set([hips])

    for path in (article.get_absolute_url(), hips.get_absolute_url()):
        invite = client.get(path).content.decode().split('id="self-check-invite"', 1)[1]
        invite = invite[: invite.index("</aside>")]
        assert "The newest check." in invite and f'href="{newest.get_absolute_url()}"' in invite
        assert older.get_absolute_url() not in invite


def test_pages_leave_the_invitation_out_when_no_self_check_is_live(client):
    QuizFactory(status=Quiz.Status.DRAFT)
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    assert "self-check-invite" not in html

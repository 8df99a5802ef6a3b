"""The demo hip self-check reads the signs its own article lists the way a pelvic floor therapist
would: the signs lead where the article says they do, not to "probably not the main cause"."""

import itertools
import re

import frontmatter
import pytest

from articles.search import stem
from demo import content
from quizzes.models import Question, Quiz

pytestmark = pytest.mark.django_db

ARTICLE = content.ARTICLES_FOLDER / "is-a-tight-pelvic-floor-causing-your-hip-pain.md"
NOT_THE_CAUSE = "Your pelvic floor is probably not the main cause"
MAY_BE_PART = "Tight pelvic floor muscles may be part of it"
ASSESSMENT = "It's worth having an assessment"
SMALL_WORDS = {
    *("a", "an", "and", "are", "as", "at", "be", "from", "i", "in", "is", "it", "more", "much", "my"),
    *("not", "of", "on", "or", "such", "than", "the", "they", "to", "up", "used", "when", "which"),
    *("you", "your"),
}


def words(text):
    return {stem(word) for word in re.findall(r"[a-z']+", text.lower())} - SMALL_WORDS


def section(body, heading):
    return body.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def listed(section_text):
    return [item.strip() for item in re.findall(r"^- (.+)$", section_text, flags=re.M)]


def article_signs():
    """What the article says hip pain from a tight pelvic floor feels like (the kinds of pain and
    the signs), and who is more likely to get it."""
    body = frontmatter.load(ARTICLE).content
    feels = section(body, "What it tends to feel like")
    kinds = re.split(r", | or ", re.search(r"\*\*(.+?)\*\*", feels).group(1))
    return kinds, listed(feels), listed(section(body, "Who is more likely to get it"))


def answer_for(quiz, sign):
    """The self-check's answer that says what the article's sign says."""
    best = max(
        (answer for question in quiz.questions.all() for answer in question.answers.all()),
        key=lambda answer: len(words(answer.text) & words(sign)),
    )
    shared = words(best.text) & words(sign)
    assert len(shared) >= min(2, len(words(sign))), f"The self-check asks nothing like “{sign}”"
    return best


def result(client, quiz, chosen, interference=0):
    """The result a patient sees after choosing `chosen` answers, "No" to every red flag and
    `interference` on the 0–10 scale."""
    data = {}
    for question in quiz.questions.all():
        answers = list(question.answers.all())
        if question.kind == Question.Kind.SCALE:
            data[f"q{question.pk}"] = interference
            continue
        picked = [answer.pk for answer in answers if answer in chosen]
        if not picked:
            fallback = {"yes-no": "No", "single": "I don't have hip pain", "multiple": "None of these"}
            picked = [next(a.pk for a in answers if a.text == fallback[question.kind])]
        data[f"q{question.pk}"] = picked if question.kind == Question.Kind.MULTIPLE else picked[0]
    response = client.post(quiz.get_absolute_url(), data)
    assert response.status_code == 302, response.content.decode()[:1000]
    html = client.get(response["Location"]).content.decode()
    return (
        re.search(r'<h2 id="outcome-title" class="result__title">(.+?)</h2>', html)
        .group(1)
        .replace("&#x27;", "'")
    )


def test_the_articles_signs_lead_where_the_article_says(client, settings, demo):
    settings.FORM_RATE_LIMIT_PER_MINUTE = 1000  # one patient's answers, tried many ways
    quiz = Quiz.objects.prefetch_related("questions__answers").get(slug=content.QUIZ["slug"])
    kinds, signs, risks = article_signs()
    assert len(kinds) == 3 and len(signs) >= 3 and len(risks) >= 4  # the article as written
    kinds, signs, risks = ([answer_for(quiz, text) for text in group] for group in (kinds, signs, risks))

    # The pain the article describes with any one of its signs: the pelvic floor may be part of it,
    # with a risk factor or without, whether the pain barely bothers or bothers a lot.
    for kind, sign in itertools.product(kinds, signs):
        for also, interference in [((), 0), ((risks[0],), 0), ((), 9)]:
            assert result(client, quiz, {kind, sign, *also}, interference) == MAY_BE_PART, (kind, sign)
    # Every sign and every risk together: time for a therapist to look.
    assert result(client, quiz, {kinds[0], *signs, *risks}) == ASSESSMENT
    # None of the signs, and pain that barely bothers: probably something else.
    assert result(client, quiz, set(), 2) == NOT_THE_CAUSE

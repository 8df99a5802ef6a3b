"""Reading, checking and scoring a visitor's answers.

Answers never touch the database or the logs. After a valid submission the answers travel only
inside the result URL, encrypted with a key derived from the site's secret key: a signed link
could be decoded by anyone who sees it (in a shared phone's history, say), an encrypted one only by
the server, which also refuses any link it did not make. The answers are re-checked against the
quiz each time that URL is opened.
"""

import base64
import json
import zlib
from dataclasses import dataclass, field

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

from .models import SCALE_MAX, Question

RESULT_SALT = "quizzes.result"

MISSING = "Please answer this question."
MISSING_MULTIPLE = "Please choose at least one answer (or “None of these”)."
NOT_A_CHOICE = "That answer isn't one of the choices. Please choose again."
ONLY_ONE = "Please choose only one answer."
OUT_OF_SCALE = f"Please choose a number from 0 to {SCALE_MAX}."


def field_name(question):
    return f"q{question.pk}"


def read_answers(questions, values):
    """Check raw answers (a dict of field name to list of strings) against the questions.

    Returns (answers, errors): answers maps question pk to a list of answer pks, or to the chosen
    number for a scale; errors maps question pk to a plain-words message.
    """
    answers, errors = {}, {}
    for question in questions:
        raw = [value for value in values.get(field_name(question), []) if str(value).strip() != ""]
        if question.kind == Question.Kind.SCALE:
            if not raw:
                errors[question.pk] = MISSING
            elif len(raw) > 1:
                errors[question.pk] = ONLY_ONE
            elif (number := whole_number(raw[0])) is None or number > SCALE_MAX:
                errors[question.pk] = OUT_OF_SCALE
            else:
                answers[question.pk] = number
            continue
        choices = {answer.pk for answer in question.answers.all()}
        picked = [whole_number(value) for value in raw]
        if not raw:
            errors[question.pk] = MISSING_MULTIPLE if question.kind == Question.Kind.MULTIPLE else MISSING
        elif not set(picked) <= choices:
            errors[question.pk] = NOT_A_CHOICE
        elif question.kind != Question.Kind.MULTIPLE and len(picked) > 1:
            errors[question.pk] = ONLY_ONE
        else:
            answers[question.pk] = sorted(set(picked))
    return answers, errors


def red_flag_chosen(questions, answers):
    """Whether any answer given is a red flag: then the visitor needs urgent guidance at once,
    and the questions left unanswered do not matter."""
    flags = {answer.pk for question in questions for answer in question.answers.all() if answer.is_red_flag}
    return any(isinstance(value, list) and flags.intersection(value) for value in answers.values())


def whole_number(value):
    """A posted value as a whole number, or None. Only ASCII digits count: str.isdigit() also
    accepts "¹" and "٣", which int() refuses or reads as another number, and a few digits are
    enough for any answer (int() refuses more than 4,300)."""
    text = str(value)
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


def result_cipher(quiz):
    """One key per quiz, so a link is only read by the quiz that made it; links made before the
    secret key was rotated keep working while the old key is in SECRET_KEY_FALLBACKS."""
    return MultiFernet(
        [
            Fernet(
                base64.urlsafe_b64encode(
                    salted_hmac(f"{RESULT_SALT}:{quiz.slug}", "key", secret, algorithm="sha256").digest()
                )
            )
            for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
        ]
    )


def result_token(quiz, answers):
    plain = json.dumps({str(pk): value for pk, value in answers.items()}, separators=(",", ":"))
    return result_cipher(quiz).encrypt(zlib.compress(plain.encode())).decode()


def answers_from_token(quiz, questions, token):
    """The answers in a result link; raises signing.BadSignature, or ValueError when the quiz has
    changed so much since that the answers no longer fit it."""
    try:
        plain = result_cipher(quiz).decrypt(token)
    except InvalidToken as error:
        raise signing.BadSignature("not a result link this site made") from error
    try:
        data = json.loads(zlib.decompress(plain))
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError("not a set of answers") from error
    if not isinstance(data, dict):
        raise ValueError("not a set of answers")
    values = {f"q{pk}": value if isinstance(value, list) else [value] for pk, value in data.items()}
    answers, errors = read_answers(questions, values)
    if errors and not red_flag_chosen(questions, answers):
        raise ValueError("answers do not fit the quiz")
    return answers


@dataclass
class Result:
    total: int
    outcome: object  # the Outcome whose band holds the total, or None
    red_flags: list = field(default_factory=list)  # the red-flag answers chosen
    chosen: list = field(default_factory=list)  # (question, answer texts) for the print view

    @property
    def is_urgent(self):
        return bool(self.red_flags)


def score(questions, outcomes, answers):
    total, red_flags, chosen = 0, [], []
    for question in questions:
        value = answers.get(question.pk)
        if value is None:
            continue  # left unanswered once a red-flag answer was given
        if question.kind == Question.Kind.SCALE:
            total += value * question.scale_weight
            chosen.append((question, [f"{value} out of {SCALE_MAX}"]))
            continue
        picked = [answer for answer in question.answers.all() if answer.pk in value]
        total += sum(answer.score for answer in picked)
        red_flags += [answer for answer in picked if answer.is_red_flag]
        chosen.append((question, [answer.text for answer in picked]))
    outcome = next((o for o in outcomes if o.min_score <= total <= o.max_score), None)
    return Result(total=total, outcome=outcome, red_flags=red_flags, chosen=chosen)

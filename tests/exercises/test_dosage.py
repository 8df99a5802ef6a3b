"""The plain-words dosage patients read, for every combination of the dosage fields."""

import itertools
import re

import pytest

from tests.factories import ExerciseFactory

HOLDS = [None, 1, 30, 90, 120]
REPETITIONS = [None, 1, 3]
SETS = [None, 1, 2]
RESTS = [None, 15, 60]
SIDES = [False, True]
FREQUENCIES = [None, 1, 2, 3]
PERIODS = ["day", "week"]
FREQUENCY_WORDS = {1: "once", 2: "twice", 3: "3 times"}


def dosage(**fields):
    return ExerciseFactory.build(**fields).dosage_text


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"hold_seconds": 30, "repetitions": 3, "is_each_side": True, "frequency": 2},
            "Hold 30 seconds. Do 3 on each side, twice a day.",
        ),
        ({"hold_seconds": 60}, "Hold 1 minute."),
        ({"hold_seconds": 1, "repetitions": 1}, "Hold 1 second. Do 1."),
        (
            {"repetitions": 10, "sets": 3, "rest_seconds": 30},
            "Do 3 sets of 10. Rest 30 seconds between sets.",
        ),
        ({"sets": 2, "frequency": 3, "frequency_period": "week"}, "Do 2 sets, 3 times a week."),
        (
            {"repetitions": 5, "rest_seconds": 10, "is_each_side": True, "frequency": 1},
            "Do 5 on each side, once a day. Rest 10 seconds between repetitions.",
        ),
        ({"is_each_side": True}, "Do it on each side."),
        ({"frequency": 2, "frequency_period": "week"}, "Do it twice a week."),
        ({"rest_seconds": 20, "is_each_side": True}, "Do it on each side. Rest 20 seconds between sides."),
        ({"rest_seconds": 20}, ""),
        ({}, ""),
    ],
)
def test_dosage_examples_read_as_a_therapist_would_say_them(fields, expected):
    assert dosage(**fields) == expected


@pytest.mark.parametrize(
    ("hold", "repetitions", "sets", "rest", "each_side", "frequency", "period"),
    list(itertools.product(HOLDS, REPETITIONS, SETS, RESTS, SIDES, FREQUENCIES, PERIODS)),
)
def test_every_combination_says_each_part_once_and_reads_cleanly(
    hold, repetitions, sets, rest, each_side, frequency, period
):
    text = dosage(
        hold_seconds=hold,
        repetitions=repetitions,
        sets=sets,
        rest_seconds=rest,
        is_each_side=each_side,
        frequency=frequency,
        frequency_period=period,
    )

    sentences = [sentence for sentence in re.split(r"(?<=\.) ", text) if sentence]
    assert all(re.fullmatch(r"[A-Z][^.]*\.", sentence) for sentence in sentences), text
    assert "None" not in text and "  " not in text and "1 sets" not in text and "1 seconds" not in text

    assert ("Hold " in text) == bool(hold)
    if hold:
        assert text.startswith("Hold ")
    assert ("on each side" in text) == each_side
    if frequency:
        assert text.count(f"{FREQUENCY_WORDS[frequency]} a {period}") == 1
    else:
        assert " a day" not in text and " a week" not in text
    if sets and sets > 1:
        assert f"Do {sets} sets" in text
        assert f"of {repetitions}" in text if repetitions else " of " not in text
    elif repetitions:
        assert f"Do {repetitions}" in text
    rest_sentence = re.search(r"Rest (.+) between (\w+)\.", text)
    if rest_sentence:
        assert rest
        expected_gap = (
            "sets" if sets and sets > 1 else "repetitions" if repetitions and repetitions > 1 else "sides"
        )
        assert rest_sentence.group(2) == expected_gap
    elif rest:
        assert not each_side and not (sets and sets > 1) and not (repetitions and repetitions > 1)

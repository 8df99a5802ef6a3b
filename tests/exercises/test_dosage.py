"""The plain-words dosage patients read: examples a therapist would recognise, and properties that
hold for any values staff can enter."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factories import ExerciseFactory


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
        ({"hold_seconds": 1, "repetitions": 1}, "Hold 1 second."),
        ({"repetitions": 1, "frequency": 1}, "Do it once a day."),
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
        ({"hold_seconds": 90}, "Hold 90 seconds."),
        ({"hold_seconds": 120, "frequency": 3}, "Hold 2 minutes. Do it 3 times a day."),
        (
            {"repetitions": 8, "sets": 2, "is_each_side": True, "rest_seconds": 60},
            "Do 2 sets of 8 on each side. Rest 1 minute between sets.",
        ),
        (
            {"repetitions": 1, "rest_seconds": 15, "is_each_side": True},
            "Do it on each side. Rest 15 seconds between sides.",
        ),
        ({"sets": 1, "repetitions": 12}, "Do 12."),
        ({}, ""),
    ],
)
def test_dosage_examples_read_as_a_therapist_would_say_them(fields, expected):
    assert dosage(**fields) == expected


positive = st.integers(min_value=1, max_value=600)


@settings(max_examples=300, deadline=None)
@given(
    hold=st.none() | positive,
    repetitions=st.none() | st.integers(min_value=1, max_value=50),
    sets=st.none() | st.integers(min_value=1, max_value=10),
    rest=st.none() | positive,
    each_side=st.booleans(),
    frequency=st.none() | st.integers(min_value=1, max_value=7),
    period=st.sampled_from(["day", "week"]),
)
def test_any_dosage_reads_as_whole_sentences_that_say_each_entry_once(
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
    assert "None" not in text and "  " not in text, text
    assert not re.search(r"\b1 (sets|seconds|minutes|repetitions)\b", text), text
    # What staff entered is there, once, where a patient looks for it.
    assert text.startswith("Hold ") == bool(hold), text
    assert text.count("on each side") == int(each_side), text
    assert text.count(f" a {period}") == (1 if frequency else 0), text
    if sets and sets > 1:
        assert f"Do {sets} sets" in text, text
    elif repetitions and repetitions > 1:
        assert f"Do {repetitions}" in text, text
    assert "Do 1," not in text and "Do 1." not in text, text
    if "Rest " in text:
        assert rest, text
        assert re.search(r"Rest [^.]+ between (sets|repetitions|sides)\.$", text), text

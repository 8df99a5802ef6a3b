"""Dosage in plain words: "Hold 30 seconds. Do 3 on each side, twice a day."

Patients follow what they read literally, so the wording must be right for every combination of
hold, repetitions, sets, rest, sides and frequency that staff can enter.
"""

NUMBER_WORDS = {1: "once", 2: "twice"}


def duration(seconds):
    if seconds % 60 == 0:
        minutes = seconds // 60
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


def how_often(times, period):
    count = NUMBER_WORDS.get(times, f"{times} times")
    return f"{count} a {period}"


def describe_dosage(
    *,
    hold_seconds=None,
    repetitions=None,
    sets=None,
    rest_seconds=None,
    is_each_side=False,
    frequency=None,
    period="day",
):
    sentences = []
    if hold_seconds:
        sentences.append(f"Hold {duration(hold_seconds)}.")

    amount = ""
    if sets and sets > 1 and repetitions:
        amount = f"{sets} sets of {repetitions}"
    elif sets and sets > 1:
        amount = f"{sets} sets"
    elif repetitions and repetitions > 1:
        # One repetition goes without saying: "Do it once a day", never "Do 1, once a day".
        amount = str(repetitions)
    side = " on each side" if is_each_side else ""
    what = f"{amount}{side}" if amount else f"it{side}"
    if frequency:
        # "Do 3, twice a day" but "Do it twice a day": the comma only follows an amount or a side.
        what += f"{',' if what != 'it' else ''} {how_often(frequency, period)}"
    if amount or is_each_side or frequency:
        sentences.append(f"Do {what}.")

    if rest_seconds:
        between = (
            "sets" if sets and sets > 1 else "repetitions" if repetitions and repetitions > 1 else "sides"
        )
        if between != "sides" or is_each_side:
            sentences.append(f"Rest {duration(rest_seconds)} between {between}.")
    return " ".join(sentences)

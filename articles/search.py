"""Article search: every word (or a word it starts) must appear in the title, summary or body.

The database's full-text index does the matching (SQLite FTS5, or PostgreSQL's full-text search
with a GIN index), so search stays fast on a large site instead of scanning every article.
"""

import html
import re
from functools import reduce
from operator import and_

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

MAX_TERMS = 8
SNIPPET_CHARS = 160


def search_terms(query):
    """The distinct words of a query, longest first, so highlighting prefers whole words."""
    words = {word.lower() for word in re.findall(r"[\w'-]+", query)}
    return sorted(words, key=len, reverse=True)[:MAX_TERMS]


def search_articles(articles, terms):
    if not terms:
        return articles.none()
    if connection.vendor == "postgresql":
        document = SearchVector("title", "summary", "body", config="english")
        query = SearchQuery(
            " & ".join(f"{_tsquery_word(term)}:*" for term in terms), search_type="raw", config="english"
        )
        return articles.annotate(document=document).filter(document=query)
    if connection.vendor == "sqlite":
        # Each term quoted (so no word is read as an operator) and matched as a prefix; FTS5
        # requires every term by default.
        match = " ".join('"{}"*'.format(term.replace('"', '""')) for term in terms)
        ids = RawSQL("SELECT rowid FROM articles_article_fts WHERE articles_article_fts MATCH %s", [match])
        return articles.filter(pk__in=ids)
    matches = [Q(title__icontains=t) | Q(summary__icontains=t) | Q(body__icontains=t) for t in terms]
    return articles.filter(reduce(and_, matches))


def _tsquery_word(term):
    return re.sub(r"[^\w]", "", term) or "_"


# Stored article HTML is the sanitiser's own well-formed output, so tags can be removed by pattern
# (quoted attribute values may hold ">"): several times quicker than an HTML parser, for every
# result shown. A space in place of each tag keeps a heading's last word off the next paragraph's.
TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


def snippet(body_html, terms):
    """A short plain-text passage of the body around the first matching word."""
    text = re.sub(r"\s+", " ", html.unescape(TAG.sub(" ", body_html))).strip()
    lowered = text.lower()
    positions = [lowered.find(term) for term in terms if term in lowered]
    if not positions:
        return ""
    start = max(0, min(positions) - SNIPPET_CHARS // 3)
    passage = text[start : start + SNIPPET_CHARS]
    return ("…" if start else "") + passage + ("…" if start + SNIPPET_CHARS < len(text) else "")

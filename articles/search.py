"""Article search: every word must appear in the title, summary or body (case-insensitive)."""

import html
import re
from functools import reduce
from operator import and_

from django.db.models import Q
from django.utils.html import strip_tags

MAX_TERMS = 8
SNIPPET_CHARS = 160


def search_terms(query):
    """The distinct words of a query, longest first, so highlighting prefers whole words."""
    words = {word.lower() for word in re.findall(r"[\w'-]+", query)}
    return sorted(words, key=len, reverse=True)[:MAX_TERMS]


def search_articles(articles, terms):
    if not terms:
        return articles.none()
    matches = [Q(title__icontains=t) | Q(summary__icontains=t) | Q(body__icontains=t) for t in terms]
    return articles.filter(reduce(and_, matches))


def snippet(body_html, terms):
    """A short plain-text passage of the body around the first matching word."""
    text = re.sub(r"\s+", " ", html.unescape(strip_tags(body_html))).strip()
    lowered = text.lower()
    positions = [lowered.find(term) for term in terms if term in lowered]
    if not positions:
        return ""
    start = max(0, min(positions) - SNIPPET_CHARS // 3)
    passage = text[start : start + SNIPPET_CHARS]
    return ("…" if start else "") + passage + ("…" if start + SNIPPET_CHARS < len(text) else "")

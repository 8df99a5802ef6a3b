import html
import re
from functools import lru_cache

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def highlight(text, terms):
    """Escape text and wrap each search term in <mark>; matching happens before escaping."""
    if not terms:
        return escape(text)
    # split() with a group alternates between text around matches and the matches themselves.
    pieces = _terms_pattern(tuple(terms)).split(str(text))
    marked = (
        f"<mark>{html.escape(piece)}</mark>" if index % 2 else html.escape(piece)
        for index, piece in enumerate(pieces)
    )
    return mark_safe("".join(marked))  # noqa: S308 - every piece of text is escaped


@lru_cache(maxsize=64)
def _terms_pattern(terms):
    return re.compile("(" + "|".join(re.escape(term) for term in terms) + ")", re.IGNORECASE)

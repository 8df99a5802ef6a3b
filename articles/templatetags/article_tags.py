import html
import json
import re
from functools import lru_cache

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

# Characters that could close or confuse a <script> block, as Django's json_script escapes them.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


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


@register.simple_tag
def json_ld(data):
    """Structured data for search engines, escaped so no value can break out of the script block."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308

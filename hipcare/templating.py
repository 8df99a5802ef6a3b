"""The Jinja2 environment for the pages visitors see.

Pages render through Jinja2, which compiles each template to Python once, so a page costs
a fraction of what Django's template language costs to interpret it. Admin, staff and email
templates stay in Django's language under `templates/`. Django's own filters are reused here
where the site needs them, so dates and plurals read the same in both.
"""

import datetime
import html
import json
import re
from functools import lru_cache

from django.template.defaultfilters import capfirst, date, pluralize, time
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.html import escape, json_script
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from jinja2 import Environment, Undefined

from booking.forms import source_token
from newsletter.forms import SubscribeForm
from quizzes.models import newest_self_check

# Characters that could close or confuse a <script> block, as Django's json_script escapes them.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

# Django's month names, read once: the site is in English only (USE_I18N is off), so they never
# change language.
MONTHS = tuple(str(MONTH_NAMES[number]) for number in range(1, 13))


def environment(**options):
    # Whatever the settings say: every value reaching a page is escaped unless marked safe, and a
    # name a page does not set shows as nothing, as in production (Django's backend would print
    # it in development, so pages would differ between the two).
    options.pop("autoescape", None)
    options["undefined"] = Undefined
    env = Environment(autoescape=True, **options)
    env.globals.update(
        static=static,
        url=url,
        booking_url=booking_url,
        json_ld=json_ld,
        newsletter_form=SubscribeForm,
        newest_self_check=newest_self_check,
        now=timezone.localtime,
    )
    env.filters.update(
        date=in_clinic_time(date),
        time=in_clinic_time(time),
        long_date=long_date,
        month_year=month_year,
        machine_date=machine_date,
        pluralize=pluralize,
        capfirst=capfirst,
        highlight=highlight,
        json_script=json_script,
    )
    return env


def url(name, *args, **kwargs):
    return reverse(name, args=args or None, kwargs=kwargs or None)


def booking_url(request):
    """The booking page's address, carrying the current page as a signed source. Signed once a
    request: the header and every invitation on a page link to the same address."""
    address = reverse("booking:request")
    if not request or request.path.startswith(address):
        return address
    if not hasattr(request, "booking_url"):
        request.booking_url = f"{address}?{urlencode({'from': source_token(request.path)})}"
    return request.booking_url


def json_ld(data):
    """Structured data for search engines, escaped so no value can break out of the script block."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


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


def in_clinic_time(date_filter):
    """Django's date and time filters show aware datetimes in the clinic's time zone only when
    the template language converts them first; this does the converting."""

    def localised(value, format_string=None):
        return date_filter(template_localtime(value), format_string)

    return localised


# Django's `date` filter parses its format string and builds a formatter for every date, about
# 40 µs each; a list of a dozen cards shows two dates a card. These give the same text for the
# formats the site shows most in a tenth of that.


def long_date(value):
    """'1 March 2026', as `date("j F Y")`."""
    if not value:
        return ""
    value = template_localtime(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def month_year(value):
    """'March 2026', as `date("F Y")`."""
    if not value:
        return ""
    value = template_localtime(value)
    return f"{MONTHS[value.month - 1]} {value.year}"


def machine_date(value):
    """For `<time datetime>` and metadata: '2026-03-01', or '2026-03-01T09:30:00-08:00' for a
    moment, in whole seconds."""
    if isinstance(value, datetime.datetime):
        return template_localtime(value).isoformat(timespec="seconds")
    return value.isoformat() if value else ""

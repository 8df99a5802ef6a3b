"""Dates as the site shows them, for the templates that show many (cards, credits).

Django's `date` filter parses its format string and builds a formatter for every date, about
40 µs each; a list of a dozen cards shows two dates a card. These give the same text for the
formats the site uses in a tenth of that. Aware datetimes arrive in the clinic's time zone
(`expects_localtime`), as with `date`.
"""

import datetime

from django import template
from django.utils.dates import MONTHS as MONTH_NAMES

register = template.Library()

# Django's month names, read once: the site is in English only (USE_I18N is off), so they never
# change language.
MONTHS = tuple(str(MONTH_NAMES[number]) for number in range(1, 13))


@register.filter(expects_localtime=True)
def long_date(value):
    """'1 March 2026', as `date:"j F Y"`."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}" if value else ""


@register.filter(expects_localtime=True)
def month_year(value):
    """'March 2026', as `date:"F Y"`."""
    return f"{MONTHS[value.month - 1]} {value.year}" if value else ""


@register.filter(expects_localtime=True)
def machine_date(value):
    """For `<time datetime>` and metadata: '2026-03-01', or '2026-03-01T09:30:00-08:00' for a
    moment, in whole seconds."""
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat() if value else ""

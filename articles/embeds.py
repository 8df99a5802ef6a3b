"""Short codes that place live cards inside staff-written markdown.

A line holding only `[[exercise:figure-4-stretch]]` becomes that exercise's card, and `[[booking]]`
the booking invitation. Codes survive sanitising as plain paragraphs in the stored HTML and are
expanded per request from current data, so renaming or unpublishing an exercise updates every
article at once. All embedded exercises are fetched in one query, however many there are.
"""

import itertools
import re

from django.template.loader import render_to_string
from django.utils.safestring import SafeData, mark_safe

from exercises.models import Exercise
from publishing.views import writes_content

SHORT_CODE = re.compile(r"<p>\[\[(?P<kind>exercise|booking)(?::(?P<slug>[-\w]+))?\]\]</p>")
FIRST_SECTION = re.compile(r"<h2[\s>]")


def has_booking_code(html):
    return any(match["kind"] == "booking" for match in SHORT_CODE.finditer(html))


def embedded_exercise_slugs(html):
    return {match["slug"] for match in SHORT_CODE.finditer(html) if match["kind"] == "exercise"}


def expand_embeds(html, request, exercises=None):
    """Replace short codes in sanitised HTML with cards; unknown targets vanish, or warn staff.
    `exercises` maps slugs to exercises already fetched; without it they are fetched here."""
    if exercises is None:
        slugs = embedded_exercise_slugs(html)
        exercises = {e.slug: e for e in Exercise.objects.filter(slug__in=slugs)} if slugs else {}
    bookings = itertools.count(1)

    def card_for(match):
        if match["kind"] == "booking":
            # One invitation a page: a second [[booking]] would only repeat it.
            if next(bookings) > 1:
                return ""
            return render_to_string("includes/_booking_cta.html", {"cta_id": "embed"}, request=request)
        exercise = exercises.get(match["slug"])
        if exercise is not None and exercise.is_public:
            # No request: a card needs none, and a request would run every context processor again.
            return render_to_string("exercises/_embed.html", {"exercise": exercise})
        if writes_content(request.user):
            problem = "is not published yet" if exercise else "does not exist"
            return render_to_string(
                "articles/_embed_warning.html", {"slug": match["slug"], "problem": problem}
            )
        return ""

    return mark_safe(SHORT_CODE.sub(card_for, html))  # noqa: S308 - html is sanitised; cards are autoescaped templates


def split_opening(html):
    """Split article HTML before its first section heading, where the booking invitation goes."""
    match = FIRST_SECTION.search(html)
    cut = match.start() if match else len(html)
    opening, rest = html[:cut], html[cut:]
    if isinstance(html, SafeData):
        return mark_safe(opening), mark_safe(rest)  # noqa: S308 - halves of HTML already marked safe
    return opening, rest

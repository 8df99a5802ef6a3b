"""The vocabulary of what the site counts, and how a view says one of those things happened (a
booking request came from a page, a self-check was finished): it calls `record()` where it
happens, and the insights app, which registers itself in `recorders`, counts it. A page view is
not recorded here: pages carry the insights app's view beacon, and a page that found nothing for
a search names that event in its context (`VIEW_EVENTS`) so that each view of it counts it too,
however the page was served. It lives here, below every feature app, so any view may record an
event without importing the app that counts them."""

from django.db import models


class CountedEvent(models.TextChoices):
    VIEW = "view", "Page views"
    REFERRER = "referrer", "Visits from another site"
    CAMPAIGN = "campaign", "Visits with a campaign tag"
    SEARCH_MISS = "search-miss", "Searches that found nothing"
    BOOKING_REQUEST = "booking", "Booking requests"
    BOOKED_CALL = "call", "Booked calls"
    NEWSLETTER = "newsletter", "Newsletter sign-ups confirmed"
    SELF_CHECK = "self-check", "Self-checks finished"
    SELF_CHECK_URGENT = "urgent", "Self-checks ending in urgent guidance"


# The template context entry listing (kind, key) events that each view of a page counts.
VIEW_EVENTS = "view_events"

# Called as recorder(request, kind, key) for each event; the insights app adds its own.
recorders = []


def record(request, kind, key=""):
    for recorder in recorders:
        recorder(request, kind, key)


def searched_words(query):
    """A search as it may be counted: lower case, spaces tidied; nothing that looks like an email
    address or a phone number, which would be someone's own details rather than a topic."""
    words = " ".join(query.lower().split())[:80]
    if "@" in words or sum(character.isdigit() for character in words) >= 5:
        return ""
    return words

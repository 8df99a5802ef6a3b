"""The vocabulary of what the site counts, and how a view says one of those things happened (a
search found nothing, a booking request came from a page): it notes the event on its response,
and the insights app's counting middleware tallies it. Public pages mark themselves
(`response.counts_as_view`, set by `publishing.caching.public_page`). It lives here, below every
feature app, so any view may note an event without importing the app that counts them."""

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


def note(response, kind, key=""):
    response.insight_events = [*getattr(response, "insight_events", []), (kind, key)]
    return response


def searched_words(query):
    """A search as it may be counted: lower case, spaces tidied; nothing that looks like an email
    address or a phone number, which would be someone's own details rather than a topic."""
    words = " ".join(query.lower().split())[:80]
    if "@" in words or sum(character.isdigit() for character in words) >= 5:
        return ""
    return words

"""How a view says something worth counting happened (a search found nothing, a booking request
came from a page): it notes the event on its response, and the counting middleware tallies it.
Public pages mark themselves (`response.counts_as_view`, set by `publishing.caching.public_page`).
This module imports nothing of the site's, so any view may use it."""


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

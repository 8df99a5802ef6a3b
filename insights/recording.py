"""Who is counted, and the recorder for events views note as they happen (registered with
`publishing.events`). It reads the request's user agent only to decide whether to count; it stores
neither the agent nor any address."""

import re

from django.conf import settings

from publishing.caching import is_anonymous

from . import tally

# Crawlers, link previews, uptime checks, scripts and headless browsers: not people reading.
BOTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|curl|wget|python|httpx|"
    r"go-http|java/|okhttp|libwww|headless|lighthouse|pingdom|uptime|monitor|scan",
    re.I,
)


def is_person(request):
    """A person reading: not a robot or script, not a link prefetch or prerender, not staff
    signed in (who may be reading drafts)."""
    agent = request.META.get("HTTP_USER_AGENT", "")
    purpose = request.META.get("HTTP_SEC_PURPOSE", "") or request.META.get("HTTP_PURPOSE", "")
    return bool(agent) and not BOTS.search(agent) and "prefetch" not in purpose and is_anonymous(request)


def counting(request):
    return settings.INSIGHTS_ENABLED and is_person(request)


def record_event(request, kind, key):
    if counting(request):
        tally.add(kind, key[:300])

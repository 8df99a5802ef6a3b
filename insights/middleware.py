import re
from urllib.parse import urlsplit

from django.conf import settings

from . import tally
from .models import DailyCount

# Crawlers, link previews, uptime checks, scripts and headless browsers: not people reading.
BOTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|curl|wget|python|httpx|"
    r"go-http|java/|okhttp|libwww|headless|lighthouse|pingdom|uptime|monitor|scan",
    re.I,
)
CAMPAIGN = re.compile(r"[\w .-]{1,60}")


def counting(get_response):
    """Count public page views and the events views note, as daily totals. Reads the request's
    user agent and referrer only to decide what to count; stores neither, nor any address."""

    def middleware(request):
        response = get_response(request)
        if settings.INSIGHTS_ENABLED and not is_automated(request):
            if (
                getattr(response, "counts_as_view", False)
                and request.method == "GET"
                and response.status_code == 200
            ):
                count_view(request)
            for kind, key in getattr(response, "insight_events", ()):
                tally.add(kind, key[:300])
        return response

    return middleware


def is_automated(request):
    agent = request.headers.get("User-Agent", "")
    prefetch = request.headers.get("Sec-Purpose", request.headers.get("Purpose", ""))
    return not agent or bool(BOTS.search(agent)) or "prefetch" in prefetch


def count_view(request):
    tally.add(DailyCount.Kind.VIEW, request.path[:300])
    referrer = urlsplit(request.headers.get("Referer", "")).hostname or ""
    referrer = referrer.removeprefix("www.")
    if referrer and referrer != urlsplit(settings.SITE_URL).hostname.removeprefix("www."):
        tally.add(DailyCount.Kind.REFERRER, referrer)
    campaign = request.GET.get("utm_campaign", "").strip().lower()
    if CAMPAIGN.fullmatch(campaign):
        tally.add(DailyCount.Kind.CAMPAIGN, campaign)

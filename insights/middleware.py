import re
from functools import cache
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
# Campaign tags and referring sites as counted: short, and in a plain character set.
CAMPAIGN = re.compile(r"[a-z0-9][a-z0-9 ._-]{0,39}")
SITE = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)+")


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
    agent = request.META.get("HTTP_USER_AGENT", "")
    prefetch = request.META.get("HTTP_SEC_PURPOSE", "") or request.META.get("HTTP_PURPOSE", "")
    return not agent or bool(BOTS.search(agent)) or "prefetch" in prefetch


@cache
def own_host():
    return (urlsplit(settings.SITE_URL).hostname or "").removeprefix("www.")


def count_view(request):
    tally.add(DailyCount.Kind.VIEW, request.path[:300])
    # Read only when present: most views carry neither, and every view pays for what is read here.
    if referrer := request.META.get("HTTP_REFERER"):
        domain = (urlsplit(referrer).hostname or "").removeprefix("www.")
        if SITE.fullmatch(domain) and len(domain) <= 100 and domain != own_host():
            tally.add(DailyCount.Kind.REFERRER, domain)
    if "utm_campaign=" in request.META.get("QUERY_STRING", ""):
        campaign = request.GET.get("utm_campaign", "").strip().lower()
        if CAMPAIGN.fullmatch(campaign):
            tally.add(DailyCount.Kind.CAMPAIGN, campaign)

"""The view beacon's answer, and the recorder for events views note as they happen. Both read the
request's user agent (and the beacon its referrer) only to decide what to count; they store
neither, nor any address."""

import base64
import re
from functools import cache
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core import signing
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.cache import add_never_cache_headers

from publishing.caching import is_anonymous
from publishing.methods import allow

from . import tally
from .beacon import page_of
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
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


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


@cache
def own_host():
    return (urlsplit(settings.SITE_URL).hostname or "").removeprefix("www.")


def site_name(host):
    domain = (host or "").lower().removeprefix("www.")
    return domain if SITE.fullmatch(domain) and len(domain) <= 100 and domain != own_host() else ""


@allow("GET")
def view_beacon(request):
    """Count one view of the page the token names (with its events and campaign tag), or, when
    the page's script adds `from`, the site that sent the visitor. Answers a one-pixel image that
    no browser, proxy or CDN may keep, so the next view asks again."""
    try:
        path, events = page_of(request.GET.get("v", ""))
    except signing.BadSignature:
        response = HttpResponseBadRequest(
            "This address counts views of this site's own pages, from the pages themselves.",
            content_type="text/plain; charset=utf-8",
        )
        add_never_cache_headers(response)
        return response
    if request.method == "GET" and counting(request):  # a HEAD is no browser showing the image
        if "from" in request.GET:
            if domain := site_name(request.GET["from"]):
                tally.add(DailyCount.Kind.REFERRER, domain)
        else:
            tally.add(DailyCount.Kind.VIEW, path[:300])
            for kind, key in events:
                tally.add(kind, key[:300])
            if campaign := campaign_of(request.META.get("HTTP_REFERER", "")):
                tally.add(DailyCount.Kind.CAMPAIGN, campaign)
    response = HttpResponse(PIXEL, content_type="image/gif")
    add_never_cache_headers(response)
    return response


def campaign_of(page_address):
    """The campaign tag of the page's own address (the beacon's referrer), when it has a valid one."""
    query = urlsplit(page_address).query
    if "utm_campaign=" not in query:
        return ""
    campaign = parse_qs(query).get("utm_campaign", [""])[0].strip().lower()
    return campaign if CAMPAIGN.fullmatch(campaign) else ""

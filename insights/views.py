"""The view beacon's answer. It reads the request's user agent and referrer only to decide what to
count; it stores neither, nor any address."""

import base64
import re
from functools import cache
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core import signing
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.cache import add_never_cache_headers

from publishing.methods import allow

from . import tally
from .beacon import page_of
from .models import DailyCount
from .recording import counting

# Campaign tags and referring sites as counted: short, and in a plain character set.
CAMPAIGN = re.compile(r"[a-z0-9][a-z0-9 ._-]{0,39}")
SITE = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)+")
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


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

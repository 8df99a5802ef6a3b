"""The view beacon: what a page that counts carries, and what the beacon's request may count.

A page people read (and only such a page: `COUNTED_PAGES`) carries a one-pixel image whose address
holds a signed token naming the page's path and the events each view of it counts. Whatever
serves the page (Django, its page cache, the nginx micro-cache, a CDN), the visitor's browser then
asks the site itself for that image, which is never cached, so each view reaches the site once.
The signature means only pages the site rendered can be counted, under the path they were
rendered for; the token is the same for every visitor, so cached pages stay shareable."""

import re

from django.core import signing

# The URL names of pages people read. Everything else (the offline page, the manifest, feeds,
# sitemaps, robots.txt, JSON, health checks, forms, personal links, staff pages) carries no
# beacon and is never counted; tests/insights/test_what_counts.py walks the whole URLconf.
COUNTED_PAGES = frozenset(
    {
        "home",
        "articles:list",
        "articles:search",
        "articles:topics",
        "articles:topic",
        "articles:detail",
        "exercises:list",
        "exercises:routine",
        "exercises:detail",
        "quizzes:list",
        "quizzes:take",
        "clinicians:team",
        "clinicians:detail",
        "privacy",
        "page",
    }
)
# Error pages ("404.html", "429.html", ...) render for the URL that failed: never a view.
STATUS_TEMPLATE = re.compile(r"\d{3}")
SIGNER = signing.Signer(salt="insights.view-beacon")


def counts(request, template_name):
    match = getattr(request, "resolver_match", None)
    return (
        request.method == "GET"
        and match is not None
        and match.view_name in COUNTED_PAGES
        and not STATUS_TEMPLATE.match(template_name or "")
    )


def token_for(path, events=()):
    return SIGNER.sign_object([path, [list(event) for event in events]], compress=True)


def page_of(token):
    """(path, events) the token was made for; signing.BadSignature when the site did not make it."""
    try:
        path, events = SIGNER.unsign_object(token)
        events = [(str(kind), str(key)) for kind, key in events]
    except (ValueError, TypeError) as error:
        raise signing.BadSignature("not a view beacon's token") from error
    if not isinstance(path, str):
        raise signing.BadSignature("not a view beacon's token")
    return path, events

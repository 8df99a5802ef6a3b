"""Caching for public pages: by browsers and shared caches (CDN, proxy), and in the application.

A public page seen without a session cookie is the same for everyone, so it is marked cacheable
for a few minutes and kept, rendered, by Django's cache framework (the same keys `cache_page`
uses). Staff (who have a session cookie) always get a fresh, private page, since they may see
drafts. Compression (GZipMiddleware) and revalidation (ConditionalGetMiddleware) are Django's
middleware's, for every response alike.

The page cache needs no purging: its key prefix is the content generation, a counter in the
database that every content save moves on (through model signals), as does the moment a
scheduled page goes live. Reading that one row is all a cached page costs the database, and
several application servers agree on it without sharing anything but the database.
Changes made behind the models' back (raw SQL, `QuerySet.update()`) call `content_changed()`;
any they miss still expire with the page, after PAGE_SECONDS.
"""

import hashlib
import re
import threading
from contextlib import contextmanager
from functools import lru_cache, wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.cache import get_cache_key, learn_cache_key, patch_cache_control, patch_vary_headers

from .methods import allow, allowed_methods
from .models import CachedContent, ContentStamp, publishable_models

PAGE_SECONDS = 300
# An encoding is accepted when the header lists it by name (any case) with no q-value or one above
# zero. deploy/nginx/hipcare-http.conf holds the same expression, so the proxy keys its cache on
# exactly what the site then sends; `x-gzip` is not `gzip`, and `*` is not read (a plain body is
# always acceptable). Django's GZipMiddleware compresses pages, WhiteNoise picks static files'
# pre-compressed forms.
ENCODINGS = ("gzip",)
ACCEPTED = (
    r"(?:^|,)\s*{name}\s*(?:;\s*q\s*=\s*(?:1(?:\.0{{0,3}})?|0\.(?!0{{0,3}}\s*(?:,|$))\d{{1,3}})\s*)?(?:,|$)"
)
ACCEPTS = [(name, re.compile(ACCEPTED.format(name=name), re.IGNORECASE).search) for name in ENCODINGS]
# Read on every request a kept page answers: built by the ORM, this query cost 40% of a cached
# hit's time.
STAMP_QUERY = "SELECT generation, next_publication FROM {table} WHERE id = 1"


def next_publication():
    """Unix seconds when the earliest scheduled page goes live, or None when none is waiting."""
    upcoming = [
        model.objects.scheduled().aggregate(first=Min("published_at"))["first"]
        for model in publishable_models()
    ]
    upcoming = [moment for moment in upcoming if moment is not None]
    return int(min(upcoming).timestamp()) if upcoming else None


def advance_generation():
    """Move the content generation on; returns the new one."""
    with transaction.atomic():
        stamp, _ = ContentStamp.objects.select_for_update().get_or_create(pk=1)
        stamp.generation += 1
        stamp.next_publication = next_publication()
        stamp.save()
        return stamp.generation


# Batches open in this thread; a change made inside one is counted when the outermost closes.
_batches = threading.local()


def content_changed():
    """Something public changed: every cached page renders afresh on its next request."""
    if getattr(_batches, "open", 0):
        _batches.changed = True
        return
    advance_generation()


@contextmanager
def one_content_change():
    """Bulk work (the demo loader, an import) saves hundreds of rows; each would move the
    generation on and re-read the next scheduled publication. Inside this block they count as
    one change, made when the block ends, whether or not it ends in an error."""
    _batches.open = getattr(_batches, "open", 0) + 1
    try:
        yield
    finally:
        _batches.open -= 1
        if not _batches.open and getattr(_batches, "changed", False):
            _batches.changed = False
            advance_generation()


def content_saved(sender, **kwargs):
    """Signal receiver for saves, deletes and many-to-many changes of any model: those of public
    content (models that inherit `CachedContent`) move the generation on."""
    if not isinstance(kwargs["instance"], CachedContent) or kwargs.get("raw"):
        return  # not public content (revision records are not either), or fixture loading
    if "action" in kwargs and not kwargs["action"].startswith("post_"):
        return  # m2m_changed fires before and after; the change is done after
    content_changed()


def content_generation():
    """The current generation: one single-row read, plus a write when a scheduled page's time has
    come (or the row is missing, as after a database flush)."""
    table = connection.ops.quote_name(ContentStamp._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(STAMP_QUERY.format(table=table))
        row = cursor.fetchone()
    if row is None or (row[1] is not None and row[1] <= timezone.now().timestamp()):
        return advance_generation()
    return row[0]


@lru_cache(maxsize=256)
def accepted_encodings(header):
    """The encodings the site makes that an Accept-Encoding header accepts, best first."""
    return tuple(name for name, accepts in ACCEPTS if accepts(header))


def one_reading_of_accept_encoding(get_response):
    """Middleware: every later reader (compression, the page cache, static files) sees the header
    as `accepted_encodings` reads it, "br, gzip" down to "identity", never its own reading."""

    def middleware(request):
        accepted = accepted_encodings(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        request.META["HTTP_ACCEPT_ENCODING"] = ", ".join(accepted) or "identity"
        return get_response(request)

    return middleware


def is_anonymous(request):
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def request_generation(request):
    """The content generation, read once however often a request asks."""
    if not hasattr(request, "content_generation"):
        request.content_generation = content_generation()
    return request.content_generation


def public_page(view, *, store=True, reads=()):
    """Make a view's pages cacheable for anonymous visitors; `store` keeps them rendered too.

    A kept page is keyed on its address with only the query parameters named in `reads`, and the
    view sees only those: campaign tags and made-up parameters cost no render, and a parameter the
    view reads can never be missing from the key. A function view (the feed, a sitemap) answers
    GET and HEAD only; a class-based view, what its class handles."""
    if allowed_methods(view) is None:
        view = allow("GET")(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or not is_anonymous(request):
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ["Cookie"])
            if not is_anonymous(request):
                patch_cache_control(response, private=True, no_cache=True)
            return response
        if not store:
            return shared(view(request, *args, **kwargs))
        query, query_string = request.GET, request.META.get("QUERY_STRING", "")
        request.GET = query.copy()
        for name in set(query) - set(reads):
            del request.GET[name]
        request.GET._mutable = False
        request.META["QUERY_STRING"] = request.GET.urlencode()
        try:
            return kept_page(request, view, *args, **kwargs)
        finally:
            request.GET, request.META["QUERY_STRING"] = query, query_string

    return wrapper


def kept_page(request, view, *args, **kwargs):
    """The page from Django's page cache, or rendered and kept there. The key holds the content
    generation, the page's address and the method, not the visitor's cookies: Vary: Cookie is
    added only once the key is learnt, since only the session cookie matters and anyone with one
    never reaches this."""
    prefix = f"generation-{request_generation(request)}"
    key = get_cache_key(request, prefix, "GET", cache=cache)
    response = cache.get(key) if key else None
    if response is not None:
        return response
    response = view(request, *args, **kwargs)
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    if response.status_code != 200 or response.cookies or response.streaming:
        return response
    patch_cache_control(response, public=True, max_age=PAGE_SECONDS)
    if request.method != "GET":
        return response  # a HEAD's page is kept by the next GET
    key = learn_cache_key(request, response, PAGE_SECONDS, prefix, cache=cache)
    patch_vary_headers(response, ["Cookie"])
    # Names the page and the content generation, not the bytes: every worker and server renders
    # the same content under the same tag (the bodies differ only in a form's fill-time token,
    # which is why it is weak), so a revisit gets 304 wherever it lands.
    response["ETag"] = f'W/"{hashlib.md5(key.encode(), usedforsecurity=False).hexdigest()[:16]}"'
    cache.set(key, response, PAGE_SECONDS)
    return response


def shared(response):
    if response.status_code == 200 and not response.cookies and not response.streaming:
        patch_cache_control(response, public=True, max_age=PAGE_SECONDS)
        patch_vary_headers(response, ["Cookie"])
        return response
    return response

"""Caching for public pages: by browsers and shared caches (CDN, proxy), and in the application.

A public page seen without a session cookie is the same for everyone, so it is marked cacheable
for a few minutes and kept, rendered, in the application cache. Staff (who have a session
cookie) always get a fresh, private page, since they may see drafts.

The application cache needs no purging: each key includes the content generation, a counter in
the database that every content save moves on (through model signals), as does the moment a
scheduled page goes live. Reading that one row is all a cached page costs the database, and
several application servers agree on it without sharing anything but the database.
Changes made behind the models' back (raw SQL, `QuerySet.update()`) call `content_changed()`;
any they miss still expire with the page, after PAGE_SECONDS.
"""

import hashlib
import re
from functools import lru_cache, wraps
from urllib.parse import urlsplit

import brotli
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Min
from django.http import HttpResponse, QueryDict
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.text import compress_string

from .methods import allow, allowed_methods
from .models import CachedContent, ContentStamp, publishable_models

PAGE_SECONDS = 300
# Smaller bodies gain nothing from compression; Brotli at 5 is nearly as small as at 11, for a
# fraction of the time, and each page is compressed once per content change.
MIN_COMPRESSED_BYTES = 200
BROTLI_QUALITY = 5
# An encoding is accepted when the header lists it by name (any case) with no q-value or one above
# zero. deploy/nginx/hipcare-http.conf holds the same expression, so the proxy keys its cache on
# exactly what the site then sends; `br-x` is not `br`, and `*` is not read (a plain body is always
# acceptable). The site's preference comes first.
ENCODINGS = ("br", "gzip")
ACCEPTED = (
    r"(?:^|,)\s*{name}\s*(?:;\s*q\s*=\s*(?:1(?:\.0{{0,3}})?|0\.(?!0{{0,3}}\s*(?:,|$))\d{{1,3}})\s*)?(?:,|$)"
)
ACCEPTS = [(name, re.compile(ACCEPTED.format(name=name), re.IGNORECASE).search) for name in ENCODINGS]
COMPRESSIBLE = (
    "text/",
    "application/xml",
    "application/atom+xml",
    "application/json",
    "application/manifest+json",
)
# A single-row read on every cached page; the ORM would build this query anew each time.
STAMP_QUERY = "SELECT generation, next_publication FROM {table} WHERE id = 1"


def next_publication():
    """Unix seconds when the earliest scheduled page goes live, or None when none is waiting."""
    upcoming = [
        model.objects.scheduled().aggregate(first=Min("published_at"))["first"]
        for model in publishable_models()
    ]
    upcoming = [moment for moment in upcoming if moment is not None]
    return int(min(upcoming).timestamp()) if upcoming else None


def content_changed():
    """Move the content generation on, so every cached page renders afresh on its next request."""
    with transaction.atomic():
        stamp, _ = ContentStamp.objects.select_for_update().get_or_create(pk=1)
        stamp.generation += 1
        stamp.next_publication = next_publication()
        stamp.save()
        return stamp.generation


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
        return content_changed()
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


EVERY_PARAMETER = "*"


class RecordedQuery(QueryDict):
    """A request's query parameters that note which names a view reads, so that a page is kept
    under those alone: campaign tags, referrer tags and made-up parameters a page never reads do
    not make it a new page. Anything that exposes every parameter at once counts as reading all."""

    def __init__(self, *args, **kwargs):
        self.read = set()
        super().__init__(*args, **kwargs)
        self.read = set()  # building it is not reading it

    def _note(self, name):
        if self.read != EVERY_PARAMETER:
            self.read.add(name)

    def __getitem__(self, name):
        self._note(name)
        return super().__getitem__(name)

    def __contains__(self, name):
        self._note(name)
        return super().__contains__(name)

    def get(self, name, default=None):
        self._note(name)
        return super().get(name, default)

    def getlist(self, name, default=None):
        self._note(name)
        return super().getlist(name, default)


def _reads_everything(method_name):
    def method(self, *args, **kwargs):
        self.read = EVERY_PARAMETER
        return getattr(QueryDict, method_name)(self, *args, **kwargs)

    return method


for _name in (
    "__iter__",
    "__len__",
    "keys",
    "values",
    "items",
    "lists",
    "dict",
    "urlencode",
    "copy",
    "__copy__",
):
    setattr(RecordedQuery, _name, _reads_everything(_name))


def reads_key(request):
    """Where the names of the parameters a page reads are kept, for this content generation."""
    fingerprint = f"{request.path}\n{request_generation(request)}".encode()
    return "page-reads:" + hashlib.sha256(fingerprint).hexdigest()


def page_key(request, reads=()):
    """A page's key: its path, the content generation, and the names and values of the query
    parameters it reads (`reads`; every parameter when EVERY_PARAMETER)."""
    query = request.GET
    if reads == EVERY_PARAMETER:
        chosen = sorted(query.lists())
    else:
        chosen = [(name, query.getlist(name)) for name in sorted(reads) if name in query]
    fingerprint = f"{request.path}\n{request_generation(request)}\n{sorted(reads)}\n{chosen}".encode()
    return "page:" + hashlib.sha256(fingerprint).hexdigest()


class KeptPage:
    """A rendered public page as the cache keeps it: its body as is, gzipped and in Brotli, each
    with its headers ready, so a hit costs the same whatever the browser accepts (compressing on
    every hit cost a third of the throughput). Its ETag names the page and the content generation,
    not the bytes: every worker and server renders the same content under the same tag (the bodies
    differ only in a form's fill-time token, which is why the tag is weak), so a revisit gets 304
    wherever it lands."""

    def __init__(self, response, key):
        self.status = response.status_code
        headers = {name: value for name, value in response.items() if name.lower() != "content-length"}
        body = response.content
        etag = key.removeprefix("page:")[:32]
        compress = len(body) >= MIN_COMPRESSED_BYTES and response.get("Content-Type", "").startswith(
            COMPRESSIBLE
        )
        if compress:
            vary = headers.get("Vary", "")
            headers["Vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
        self.forms = {"": (body, {**headers, "ETag": f'W/"{etag}"', "Content-Length": str(len(body))})}
        if compress:
            for encoding, compressed in (
                ("br", brotli.compress(body, quality=BROTLI_QUALITY)),
                ("gzip", compress_string(body)),
            ):
                self.forms[encoding] = (
                    compressed,
                    {
                        **headers,
                        "Content-Encoding": encoding,
                        "ETag": f'W/"{etag}-{encoding}"',
                        "Content-Length": str(len(compressed)),
                    },
                )

    def response_for(self, request):
        accepted = accepted_encodings(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        encoding = next((name for name in accepted if name in self.forms), "")
        body, headers = self.forms[encoding]
        return HttpResponse(body, status=self.status, headers=headers)


def public_page(view, *, store=True):
    """Make a view's pages cacheable for anonymous visitors; `store` keeps them rendered too. A
    function view (the feed, a sitemap) answers GET and HEAD only; a class-based view, what its
    class handles."""
    if allowed_methods(view) is None:
        view = allow("GET")(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        # A page kept for everyone must not carry a host a client chose (`Host: localhost:1337`
        # passes the allowed-hosts check, which ignores ports): every absolute address on it, in
        # Django's sitemaps and feed too, is built for the site's own address.
        request.META["HTTP_HOST"] = urlsplit(settings.SITE_URL).netloc
        if request.method not in ("GET", "HEAD") or not is_anonymous(request):
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ["Cookie"])
            if not is_anonymous(request):
                patch_cache_control(response, private=True, no_cache=True)
            return response
        # A page asked for without a query string reads nothing from it; otherwise the names it
        # read when last rendered say which parameters make it a different page.
        has_query = bool(request.META.get("QUERY_STRING"))
        reads = (cache.get(reads_key(request)) if has_query else ()) if store else None
        key = page_key(request, reads) if reads is not None else None
        kept = cache.get(key) if key else None
        # A shared cache may still hold pages in an earlier release's form: rendered afresh.
        if isinstance(kept, KeptPage):
            return kept.response_for(request)
        query = request.GET
        request.GET = recorded = RecordedQuery(
            request.META.get("QUERY_STRING", ""), encoding=request.encoding
        )
        try:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
        finally:
            request.GET = query
        if response.status_code != 200 or response.cookies or response.streaming:
            return response
        patch_cache_control(response, public=True, max_age=PAGE_SECONDS)
        patch_vary_headers(response, ["Cookie"])
        if not store:
            return response
        if has_query:
            known = cache.get(reads_key(request)) or set()
            reads = EVERY_PARAMETER if EVERY_PARAMETER in (known, recorded.read) else known | recorded.read
            cache.set(reads_key(request), reads, PAGE_SECONDS)
        else:
            reads = ()
        key = page_key(request, reads)
        kept = KeptPage(response, key)
        cache.set(key, kept, PAGE_SECONDS)
        return kept.response_for(request)

    return wrapper

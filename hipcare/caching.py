"""Caching for public pages: by browsers and shared caches (CDN, proxy), and in the application.

A public page seen without a session cookie is the same for everyone, so it is marked cacheable
for a few minutes and kept, rendered, in the application cache. Staff (who have a session
cookie) always get a fresh, private page, since they may see drafts.

The application cache needs no purging: each key includes the latest edit time of the site's
content and the number of pages live now, so the first request after staff save anything, or
after a scheduled page's time comes, renders afresh.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

from .publishing import Publishable

PAGE_SECONDS = 300


def content_version():
    """When the site's content last changed, and how many pages are live now (that count moves
    when a scheduled page's time comes, with no edit at all). One query: every request for a
    cached page pays for it."""
    from articles.models import Article
    from clinicians.models import Clinician
    from exercises.models import Exercise
    from quizzes.models import Quiz

    # Raw SQL to fold eight lookups into one round trip; table names come from the models, and
    # every value is a bound parameter.
    parts, params = [], []
    for model in (Article, Exercise, Quiz):
        table = connection.ops.quote_name(model._meta.db_table)
        parts += [
            f"(SELECT MAX(updated_at) FROM {table})",  # noqa: S608
            f"(SELECT COUNT(*) FROM {table} WHERE status = %s AND published_at <= %s)",  # noqa: S608
        ]
        params += [Publishable.Status.PUBLISHED, timezone.now()]
    clinicians = connection.ops.quote_name(Clinician._meta.db_table)
    parts.append(f"(SELECT MAX(updated_at) FROM {clinicians})")  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return "|".join(str(value) for value in cursor.fetchone())


def is_anonymous(request):
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def page_key(request):
    fingerprint = f"{request.get_full_path()}\n{content_version()}".encode()
    return "page:" + hashlib.sha256(fingerprint).hexdigest()


def public_page(view, *, store=True):
    """Make a view's pages cacheable for anonymous visitors; `store` keeps them rendered too."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or not is_anonymous(request):
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ["Cookie"])
            if not is_anonymous(request):
                patch_cache_control(response, private=True, no_cache=True)
            return response
        key = page_key(request) if store else None
        cached = cache.get(key) if key else None
        if cached is not None:
            return cached
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200 and not response.cookies:
            patch_cache_control(response, public=True, max_age=PAGE_SECONDS)
            patch_vary_headers(response, ["Cookie"])
            if key:
                cache.set(key, response, PAGE_SECONDS)
        return response

    return wrapper

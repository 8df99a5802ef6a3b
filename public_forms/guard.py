"""The one guard every public post passes, whatever it changes.

`guarded_post` wraps a view; on a POST it checks, in this order:

1. the rate limit: posts per client address per minute to this door, counted across every worker
   and server (429);
2. the form's token: a bot (the honeypot filled, a forged token, a form sent faster than a person
   could, a token that already opened a submission) is answered as `caught` says, like a person
   would be, and nothing is done; a token too old to trust goes on to the form, which asks for the
   form to be sent again;
3. for a door that changes something a signed link names (a booked call, a subscription), the
   changes made through that link today (429 past CHANGES_PER_LINK_PER_DAY).

A post with no token at all came from a page a cache may keep for everyone (such a page carries
nothing single-use: see `SpamGuardForm`) or from a mail client (one-click unsubscribe): `tokenless`
says what it gets, by default the same as `caught`.

tests/public_forms/test_guard.py walks the URL configuration and fails for any public URL that
accepts POST without this guard.
"""

import logging
import time
from functools import wraps

from django.conf import settings
from django.db import DatabaseError
from django.shortcuts import render
from django.utils import timezone

from .counters import add_one
from .forms import form_token, is_rate_limited, too_many_requests

logger = logging.getLogger(__name__)


def token_is_spent(once):
    """Count a use of the token's single-use part; True when it had opened a submission already."""
    try:
        uses = add_one("form-token", once, seconds=settings.FORM_TOKEN_MAX_AGE_HOURS * 3600)
    except DatabaseError:
        logger.warning("Could not check a form token for reuse: the database could not take the count")
        return False
    return uses > 1


def is_bot_or_replay(data):
    """True for a post a person filling the form in a browser would never send."""
    if data.get("website"):
        return True
    token = form_token(data.get("started", ""))
    if token is None:
        return True
    age = time.time() - token["at"]
    if age > settings.FORM_TOKEN_MAX_AGE_HOURS * 3600:
        return False  # the form explains and shows a fresh token; nothing is done with this one
    if age < token.get("min", settings.FORM_MIN_FILL_SECONDS):
        return True
    return token_is_spent(token["once"])


def changes_counted(scope, named):
    try:
        return add_one("link-changes", scope, named, timezone.localdate(), seconds=2 * 24 * 3600)
    except DatabaseError:
        logger.warning("Could not count a change through a link: the database could not take the count")
        return 0


def too_many_changes(request):
    response = render(request, "429_changes.html", status=429)
    response["Retry-After"] = str(24 * 3600)
    return response


def guarded_post(scope, *, caught, tokenless=None, link=None):
    """Guard a view's POSTs (see the module's docstring). `caught(request, *args, **kwargs)` answers
    a bot or a replayed form; `tokenless` a post that carries no token; `link(*args, **kwargs)` names
    what a signed link in the URL points to (None for a link that is not genuine, which the view
    then explains), for the limit on changes per link per day."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method != "POST":
                return view(request, *args, **kwargs)
            if is_rate_limited(request, scope):
                return too_many_requests(request)
            if not request.POST.get("started") and not request.POST.get("website"):
                return (tokenless or caught)(request, *args, **kwargs)
            if is_bot_or_replay(request.POST):
                return caught(request, *args, **kwargs)
            named = link(*args, **kwargs) if link else None
            if named is not None and changes_counted(scope, named) > settings.CHANGES_PER_LINK_PER_DAY:
                return too_many_changes(request)
            return view(request, *args, **kwargs)

        wrapper.post_guard = scope
        return wrapper

    return decorator

"""What every public form shares: email clean-up, a honeypot, a single-use fill-time token, a
per-address rate limit, and a failed save explained on the form.

Bots fill every field and post at once; people take a few seconds and never see the honeypot.
A caught bot is answered exactly like a person (the success page), so it learns nothing, but
nothing is saved or sent (public_forms/guard.py, which every public post passes). The rate limit
counts posts per client address per minute in the database (public_forms/counters.py), so every
worker and server shares the count.
"""

import logging
import secrets
import time
from contextlib import contextmanager

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError
from django.shortcuts import render

from .counters import add_one

logger = logging.getLogger(__name__)
_worker_counts = LocMemCache("public-forms-fallback", {})

_STARTED_SALT = "hipcare.form-started"


class NormalizedEmailField(forms.EmailField):
    """An email address with surrounding space removed, all in lower case, so the same person
    typing it twice is recognised as one address by every limit and lookup (mail servers treat
    the part before the @ without regard to case, in practice). Addresses stored before this were
    lower-cased by a data migration in booking and newsletter."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 254)
        kwargs.setdefault(
            "error_messages",
            {
                "required": "Email address is required.",
                "invalid": "Please enter an email address like name@example.com.",
            },
        )
        super().__init__(**kwargs)

    def clean(self, value):
        return super().clean(value).lower()


def started_token(at=None, *, min_seconds=None):
    """A signed note of when the form was shown, with a random part that lets it open one
    submission only, and the fewest seconds a person takes to send it (more for a form to fill in
    than for a button to press)."""
    shown_at = int(at if at is not None else time.time())
    token = {"at": shown_at, "once": secrets.token_hex(8)}
    if min_seconds is not None:
        token["min"] = min_seconds
    return signing.dumps(token, salt=_STARTED_SALT)


def form_token(value):
    """What a form's token says, or None for a missing or forged one."""
    try:
        started = signing.loads(value, salt=_STARTED_SALT)
    except signing.BadSignature:
        return None
    return started if isinstance(started, dict) and {"at", "once"} <= started.keys() else None


FORM_TOO_OLD = (
    "This form was open for more than %(hours)d hours, so we could not be sure it came from you. "
    "Please check it and send it again."
)


class SpamGuardForm(forms.Form):
    """Base for a public form; public_forms.guard checks its token before the view runs.
    Templates render `website` and `started` through includes/_guard_fields.html. Fields with
    errors point screen readers at their message.

    `token`: FILL (the default) for a form a person fills in; PRESS for one a person only
    confirms with a button (a confirmation, a cancellation), which takes less time; None for a form
    on a page any cache may keep for everyone, which must carry nothing single-use (its post then
    goes the guard's `tokenless` way)."""

    FILL, PRESS = "fill", "press"

    website = forms.CharField(required=False, label="Leave this empty", max_length=200)
    started = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)

    def __init__(self, *args, token=FILL, **kwargs):
        super().__init__(*args, **kwargs)
        self.token_kind = token
        self.fields["started"].initial = self.fresh_token()

    def fresh_token(self):
        if self.token_kind is None:
            return ""
        if self.token_kind == self.PRESS:
            return started_token(min_seconds=settings.FORM_MIN_PRESS_SECONDS)
        return started_token()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}_error"
        if self.is_bound:
            # The guard has used the posted token: shown again, the form carries a fresh one.
            self.data = self.data.copy()
            self.data["started"] = self.fresh_token()

    def clean(self):
        cleaned_data = super().clean()
        started = form_token(self.data.get("started", ""))
        hours = settings.FORM_TOKEN_MAX_AGE_HOURS
        if started and time.time() - started["at"] > hours * 3600:
            raise forms.ValidationError(FORM_TOO_OLD, params={"hours": hours}, code="form_too_old")
        return cleaned_data


class PressForm(SpamGuardForm):
    """A button that confirms what its page says (cancel a call, confirm a sign-up)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, token=self.PRESS, **kwargs)


def client_address(request):
    """The visitor's address, for rate limits and sign-in lockouts. Behind DJANGO_TRUSTED_PROXIES
    reverse proxies, each appending the address it saw to X-Forwarded-For, it is the entry the
    outermost one added: entries further left came from the visitor and may be forged."""
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(hops) >= proxies and hops[-proxies]:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR")  # None for requests made in code, e.g. force_login


def is_rate_limited(request, scope):
    """Count this post; True once the address has posted more than the limit this minute, counted
    across every worker and server. While the database cannot take the count (locked, say), each
    worker counts on its own, so the limit still holds, if more loosely, and the post goes on to
    meet the same trouble with the visitor's typing kept."""
    minute = int(time.time() // 60)
    who = client_address(request) or "unknown"
    try:
        posts = add_one("rate", scope, who, minute, seconds=120)
    except DatabaseError:
        logger.warning("Counting posts in this worker alone: the database could not take the count")
        key = f"{scope}:{who}:{minute}"
        _worker_counts.add(key, 0, timeout=120)
        posts = _worker_counts.incr(key)
    return posts > settings.FORM_RATE_LIMIT_PER_MINUTE


def too_many_requests(request):
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response


@contextmanager
def database_errors_explained(form, message):
    """Around saving a valid form: when the database fails, the error is logged and `message`
    goes to the top of the form, so the view can show the form again with what was typed (its
    code after the block runs only then)."""
    try:
        yield
    except DatabaseError:
        logger.exception("Could not save %s", type(form).__name__)
        form.add_error(None, message)

"""Double opt-in: an address joins only after following a signed link sent to it.

Links carry the subscriber's number signed with the site's secret, never the address (links end
up in access logs, proxies and browser history), so they need no stored token, cannot be forged,
and (for confirmation) expire. Unsubscribing deletes the address: we keep nothing.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from clinic.models import ClinicProfile
from public_forms.outbox import queue_once

from .models import Subscriber

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def confirm_url(subscriber):
    token = signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(subscriber.pk))
    return settings.SITE_URL + reverse("newsletter:confirm", kwargs={"token": token})


def unsubscribe_url(subscriber):
    token = signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(subscriber.pk))
    return settings.SITE_URL + reverse("newsletter:unsubscribe", kwargs={"token": token})


def subscribers_from(signed_value):
    """The subscriber a link names: by number, or by address in links sent before they carried
    numbers (unsubscribe links must keep working for as long as old emails are read)."""
    if "@" in signed_value:
        return Subscriber.objects.filter(email=signed_value)
    return (
        Subscriber.objects.filter(pk=int(signed_value))
        if signed_value.isdigit()
        else Subscriber.objects.none()
    )


def subscribers_from_confirm_token(token):
    """Raises signing.BadSignature (or SignatureExpired) for a forged or old link."""
    return subscribers_from(signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=CONFIRM_MAX_AGE))


def subscriber_number(token):
    """Who a confirm or unsubscribe link names (a number, or an address in old links), genuine
    or expired, for the limit on changes through links; None for a forged link."""
    for signer in (signing.TimestampSigner(salt=CONFIRM_SALT), signing.Signer(salt=UNSUBSCRIBE_SALT)):
        try:
            return signer.unsign(token).lower()
        except signing.BadSignature:
            continue
    return None


def subscribers_from_unsubscribe_token(token):
    return subscribers_from(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token))


@transaction.atomic
def subscriber_request(*, email):
    """Record a sign-up and queue the confirmation link. Asking again re-sends it, at
    most once every CONFIRMATION_RESEND_HOURS, so the form cannot flood someone's inbox; an
    address already confirmed is left as it is, without saying so to whoever asked."""
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    resend_after = timezone.now() - timedelta(hours=settings.NEWSLETTER_CONFIRMATION_RESEND_HOURS)
    if subscriber.is_confirmed:
        return subscriber
    if subscriber.confirmation_sent_at is not None and subscriber.confirmation_sent_at < resend_after:
        # Owed again: queued below.
        Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_sent_at=None)
        subscriber.confirmation_sent_at = None
    if subscriber.confirmation_sent_at is None:
        subscriber_confirmation_queue(subscriber.pk)
    return subscriber


def subscriber_confirmation_pending():
    """Sign-ups whose confirmation email was never queued."""
    return Subscriber.objects.filter(confirmed_at__isnull=True, confirmation_sent_at__isnull=True)


def subscriber_confirmation_queue(subscriber_pk):
    subscriber = Subscriber.objects.filter(pk=subscriber_pk, confirmed_at__isnull=True).first()
    if subscriber is None:
        return
    message = _newsletter_email(
        subscriber,
        "Please confirm your email address",
        "newsletter/email/confirm.txt",
        confirm_url=confirm_url(subscriber),
    )
    queue_once(message, subscriber, "confirmation_sent_at")


def _newsletter_email(subscriber, subject, template, **context):
    profile = ClinicProfile.current()
    unsubscribe = unsubscribe_url(subscriber)
    return EmailMessage(
        from_email=profile.sender,
        subject=subject,
        body=render_to_string(
            template, {"clinic": profile.email_name, "unsubscribe_url": unsubscribe, **context}
        ),
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


@transaction.atomic
def subscriber_confirm(subscribers):
    """Confirm the address and queue its welcome, once, however often the link is pressed."""
    newly = list(subscribers.filter(confirmed_at__isnull=True).values_list("pk", flat=True))
    Subscriber.objects.filter(pk__in=newly).update(confirmed_at=timezone.now())
    for subscriber_pk in newly:
        subscriber_welcome_queue(subscriber_pk)
    return len(newly)


def subscriber_welcome_pending():
    """Confirmed addresses whose welcome was never queued."""
    return Subscriber.objects.filter(confirmed_at__isnull=False, welcome_sent_at__isnull=True)


def subscriber_welcome_queue(subscriber_pk):
    subscriber = Subscriber.objects.filter(
        pk=subscriber_pk, confirmed_at__isnull=False, welcome_sent_at__isnull=True
    ).first()
    if subscriber is None:
        return
    message = _newsletter_email(subscriber, "Welcome to our newsletter", "newsletter/email/welcome.txt")
    queue_once(message, subscriber, "welcome_sent_at")

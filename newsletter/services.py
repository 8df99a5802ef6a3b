"""Double opt-in: an address joins only after following a signed link sent to it.

Links carry the address signed with the site's secret, so they need no stored token, cannot be
forged, and (for confirmation) expire. Unsubscribing deletes the address: we keep nothing.
"""

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import Subscriber

logger = logging.getLogger(__name__)
CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def confirm_url(email):
    token = signing.TimestampSigner(salt=CONFIRM_SALT).sign(email)
    return settings.SITE_URL + reverse("newsletter:confirm", kwargs={"token": token})


def unsubscribe_url(email):
    token = signing.Signer(salt=UNSUBSCRIBE_SALT).sign(email)
    return settings.SITE_URL + reverse("newsletter:unsubscribe", kwargs={"token": token})


def email_from_confirm_token(token):
    """The address in a confirmation link; raises signing.BadSignature (or SignatureExpired)."""
    return signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=CONFIRM_MAX_AGE)


def email_from_unsubscribe_token(token):
    return signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)


@transaction.atomic
def subscriber_request(*, email):
    """Record a sign-up and send the confirmation link after commit. Asking again re-sends it;
    an address already confirmed is left as it is, without saying so to whoever asked."""
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    if not subscriber.is_confirmed:
        transaction.on_commit(lambda: subscriber_confirmation_send(subscriber.pk))
    return subscriber


def subscriber_confirmation_send(subscriber_pk):
    subscriber = Subscriber.objects.filter(pk=subscriber_pk, confirmed_at__isnull=True).first()
    if subscriber is None:
        return
    clinic = settings.CLINIC["email_name"]
    unsubscribe = unsubscribe_url(subscriber.email)
    message = EmailMessage(
        subject="Please confirm your email address",
        body=render_to_string(
            "newsletter/email/confirm.txt",
            {"clinic": clinic, "confirm_url": confirm_url(subscriber.email), "unsubscribe_url": unsubscribe},
        ),
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    try:
        message.send()
    except Exception:
        logger.exception(
            "Could not send the newsletter confirmation to subscriber %s; it will be retried", subscriber.pk
        )
        return
    Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_sent_at=timezone.now())


def subscriber_confirm(email):
    return Subscriber.objects.filter(email=email, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )


def subscriber_delete(email):
    Subscriber.objects.filter(email=email).delete()

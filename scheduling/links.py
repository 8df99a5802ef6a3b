"""The private link in each email that lets a visitor see, move or cancel their call. Signed, not
timestamped: a link stays valid until the call changes, which retires it by version."""

from django.core import signing
from django.urls import reverse

from .models import IntroCall

LINK_SALT = "scheduling.manage-call"


def manage_token(call):
    return signing.Signer(salt=LINK_SALT).sign_object({"call": call.pk, "version": call.link_version})


def manage_url(call):
    return reverse("scheduling:manage", kwargs={"token": manage_token(call)})


def call_number(token):
    """The number of the call a manage link names, genuine or outdated; raises
    signing.BadSignature for a forged link."""
    return signing.Signer(salt=LINK_SALT).unsign_object(token).get("call")


def call_from_token(token):
    """The call a manage link points to; raises signing.BadSignature for forged links and
    LinkOutdated when a newer link has replaced it."""
    data = signing.Signer(salt=LINK_SALT).unsign_object(token)
    call = (
        IntroCall.objects.select_related("booking_request", "clinician").filter(pk=data.get("call")).first()
    )
    if call is None or call.link_version != data.get("version"):
        raise LinkOutdated
    return call


class LinkOutdated(Exception):
    """The link is genuine but an older one: the call was changed since it was sent."""

"""Counts shared by every worker and server, for the limits public forms put on posts."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import Tally


def add_one(*parts, seconds):
    """Count one more for `parts` (say, a scope, an address and a time window) and return the
    count so far. The count is forgotten after `seconds`."""
    key = salted_hmac(
        "public_forms.tally", ":".join(str(part) for part in parts), algorithm="sha256"
    ).hexdigest()
    now = timezone.now()
    with transaction.atomic():
        if Tally.objects.filter(key=key, expires_at__gt=now).update(count=F("count") + 1):
            return Tally.objects.get(key=key).count
        Tally.objects.filter(expires_at__lte=now).delete()
        try:
            with transaction.atomic():
                Tally.objects.create(key=key, count=1, expires_at=now + timedelta(seconds=seconds))
                return 1
        except IntegrityError:  # another worker created it a moment ago
            Tally.objects.filter(key=key).update(count=F("count") + 1)
            return Tally.objects.get(key=key).count

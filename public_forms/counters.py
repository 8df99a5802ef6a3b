"""Counts shared by every worker and server, for the limits public forms put on posts."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import Tally


def _key(parts):
    joined = ":".join(str(part) for part in parts)
    return salted_hmac("public_forms.tally", joined, algorithm="sha256").hexdigest()


def count_of(*parts):
    """The count so far for `parts`, 0 when none is kept."""
    tally = Tally.objects.filter(key=_key(parts), expires_at__gt=timezone.now()).first()
    return tally.count if tally else 0


def add_one(*parts, seconds):
    """Count one more for `parts` (say, a scope, an address and a time window) and return the
    count so far. The count is forgotten after `seconds`."""
    key = _key(parts)
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

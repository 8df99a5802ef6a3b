"""Counts written as they happen: each one is a single UPDATE of the day's row (count + 1), or an
INSERT the first time that day, committed before the visitor gets an answer. Every process and
every server does the same, so the totals add up without counting anything twice, and a worker
that is killed loses nothing it has answered. If the database is away, the count is lost and the
visitor is not troubled; the page itself never waited for it."""

import logging

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import DailyCount

logger = logging.getLogger(__name__)

_last_pruned_on = None


def add(kind, key, day=None):
    day = day or timezone.localdate()
    try:
        with transaction.atomic():
            rows = DailyCount.objects.filter(day=day, kind=kind, key=key)
            if rows.update(count=F("count") + 1):
                return
            if kind in DailyCount.BOUNDED_KINDS and key != DailyCount.OTHER:
                distinct = DailyCount.objects.filter(day=day, kind=kind).count()
                if distinct >= settings.INSIGHTS_DISTINCT_KEYS_PER_DAY:
                    rows = DailyCount.objects.filter(day=day, kind=kind, key=DailyCount.OTHER)
                    if rows.update(count=F("count") + 1):
                        return
                    key = DailyCount.OTHER
            try:
                with transaction.atomic():
                    DailyCount.objects.create(day=day, kind=kind, key=key, count=1)
            except IntegrityError:  # another request made the day's row first
                rows.update(count=F("count") + 1)
        prune(day)
    except DatabaseError:
        logger.warning("Insights: the database did not take a count of %s", kind)


def prune(today):
    """Delete days older than INSIGHTS_RETENTION_DAYS, once a day a process (on its first new row
    of the day)."""
    global _last_pruned_on
    from operations.retention import retention

    if _last_pruned_on != today:
        retention("insights_retention_days").purge()
        _last_pruned_on = today

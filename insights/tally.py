"""Counts kept in the process and written in batches.

Each view adds one to a counter in memory; every INSIGHTS_FLUSH_SECONDS the process adds what it
has gathered to the day's rows in one transaction (an UPDATE of count + n, or an INSERT the first
time that day). Every process and every server does the same, so the totals add up without
counting anything twice. A worker that is killed loses at most its last unwritten batch; one that
stops normally writes it on the way out (gunicorn's worker_exit, and at exit). If the database is
away, the batch is kept for the next try and the page is served as usual.
"""

import atexit
import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_pending = Counter()
_last_flush = time.monotonic()
_last_pruned_on = None


def add(kind, key, day=None):
    global _last_flush
    day = day or timezone.localdate()
    with _lock:
        _pending[(day, kind, key)] += 1
        due = time.monotonic() - _last_flush >= settings.INSIGHTS_FLUSH_SECONDS
        if due:
            _last_flush = time.monotonic()
    if due:
        flush()


def flush():
    """Write what this process has counted. Safe to call at any time, from any thread."""
    from .models import DailyCount

    with _lock:
        batch = dict(_pending)
        _pending.clear()
    if not batch:
        return
    try:
        with transaction.atomic():
            for (day, kind, key), count in batch.items():
                rows = DailyCount.objects.filter(day=day, kind=kind, key=key)
                if rows.update(count=F("count") + count):
                    continue
                if kind in DailyCount.BOUNDED_KINDS and key != DailyCount.OTHER:
                    distinct = DailyCount.objects.filter(day=day, kind=kind).count()
                    if distinct >= settings.INSIGHTS_DISTINCT_KEYS_PER_DAY:
                        rows = DailyCount.objects.filter(day=day, kind=kind, key=DailyCount.OTHER)
                        if rows.update(count=F("count") + count):
                            continue
                        key = DailyCount.OTHER
                try:
                    with transaction.atomic():
                        DailyCount.objects.create(day=day, kind=kind, key=key, count=count)
                except IntegrityError:  # another server made the day's row first
                    rows.update(count=F("count") + count)
        prune()
    except DatabaseError:
        logger.warning(
            "Insights: the database did not take %d counts; they are kept for the next try", len(batch)
        )
        with _lock:
            _pending.update(batch)


def prune():
    """Delete days older than INSIGHTS_RETENTION_DAYS, once a day a process."""
    global _last_pruned_on
    from operations.retention import retention

    today = timezone.localdate()
    if _last_pruned_on != today:
        retention("insights_retention_days").purge()
        _last_pruned_on = today


def discard():
    """Forget unwritten counts (tests start from nothing)."""
    with _lock:
        _pending.clear()


atexit.register(flush)

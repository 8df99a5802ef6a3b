"""Which intro-call times are free.

Windows are wall-clock times in the clinic's zone ("Monday 9:00–12:00"), so slots are laid out in
local time day by day and only then turned into UTC: a window keeps its local hours across a
daylight-saving change, a local time that does not exist that day (the spring-forward gap) is
skipped, and an hour that happens twice (fall back) is taken once, at its first occurrence.
Everything is computed from three queries, however many days or calls there are, and the times
the rules alone allow are kept in the cache (`opening_times`): only the calls booked are read
on every request.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from publishing.caching import PAGE_SECONDS, content_generation

from .models import AvailabilityWindow, ClosedDate, IntroCall, SchedulingPolicy

NO_SLOT_BEYOND = timedelta(days=3 * 365)


@dataclass(frozen=True)
class FreeTime:
    starts_at: datetime  # aware, UTC
    ends_at: datetime
    clinician_ids: tuple  # clinicians free at this time, in a stable order


def _local(day, wall_time, zone):
    """The aware local datetime for a wall-clock time, or None inside a spring-forward gap."""
    naive = datetime.combine(day, wall_time)
    aware = naive.replace(tzinfo=zone)
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        return None
    return aware


def free_times(*, now=None, first_day=None, last_day=None, policy=None, days_wanted=None):
    """Free times grouped by local date: {date: [FreeTime, ...]} in time order.

    Defaults to every day visitors may book: today (in the clinic's zone) until the horizon.
    With `days_wanted`, the search stops at that many days that have free times.
    """
    generation = content_generation()
    policy = policy or current_policy(generation)
    zone = timezone.get_current_timezone()
    now = now or timezone.now()
    today = now.astimezone(zone).date()
    horizon_last = today + timedelta(days=policy.horizon_days - 1)
    first_day = max(first_day or today, today)
    last_day = min(last_day or horizon_last, horizon_last)
    if last_day < first_day:
        return {}
    earliest_start = now + timedelta(hours=policy.minimum_notice_hours)
    days = [first_day + timedelta(days=offset) for offset in range((last_day - first_day).days + 1)]
    openings = opening_times(days, policy, zone, generation)

    # Calls are read afresh every time, so a time just booked is never offered again.
    margin = policy.buffer + policy.slot_length + timedelta(days=1)
    range_start = datetime.combine(first_day, datetime.min.time(), tzinfo=zone) - margin
    range_end = datetime.combine(last_day, datetime.max.time(), tzinfo=zone) + margin
    busy = defaultdict(list)
    booked = IntroCall.objects.filter(
        Q(status=IntroCall.Status.BOOKED), starts_at__lt=range_end, ends_at__gt=range_start
    ).values_list("clinician_id", "starts_at", "ends_at")
    for clinician_id, starts_at, ends_at in booked:
        busy[clinician_id].append((starts_at - policy.buffer, ends_at + policy.buffer))

    by_day = {}
    for day in days:
        if len(by_day) == days_wanted:
            break
        times = []
        for starts_at, clinician_ids in openings[day]:
            if starts_at < earliest_start:
                continue
            ends_at = starts_at + policy.slot_length
            free = tuple(
                pk
                for pk in clinician_ids
                if not any(starts_at < end and ends_at > start for start, end in busy[pk])
            )
            if free:
                times.append(FreeTime(starts_at, ends_at, free))
        if times:
            by_day[day] = times
    return by_day


def current_policy(generation):
    """The booking rules, kept under the content generation, which every change to them moves on."""
    return cache.get_or_set(f"scheduling-policy:{generation}", SchedulingPolicy.current, PAGE_SECONDS)


def opening_times(days, policy, zone, generation):
    """Each day's call times by the opening windows and closed dates alone, as {date: [(start,
    clinician ids), ...]}. The rules change only when staff edit them, and each edit moves the
    content generation on, so each day's times are laid out once per generation and kept in the
    cache: laying them out cost the booking page a quarter of its time."""
    keys = {
        day: f"opening-times:{generation}:{zone}:{policy.slot_minutes}:{policy.buffer_minutes}:{day}"
        for day in days
    }
    kept = cache.get_many(keys.values())
    missing = [day for day in days if keys[day] not in kept]
    if missing:
        windows = defaultdict(list)
        for window in AvailabilityWindow.objects.all():
            windows[window.weekday].append(window)
        closed = set(
            ClosedDate.objects.filter(date__range=(missing[0], missing[-1])).values_list(
                "date", "clinician_id"
            )
        )
        laid_out = {}
        for day in missing:
            times = defaultdict(set)
            for window in windows[day.weekday()]:
                if (day, None) in closed or (day, window.clinician_id) in closed:
                    continue
                for starts_at in _window_starts(day, window, policy, zone):
                    times[starts_at].add(window.clinician_id)
            laid_out[keys[day]] = [
                (starts_at, tuple(sorted(ids))) for starts_at, ids in sorted(times.items())
            ]
        cache.set_many(laid_out, PAGE_SECONDS)
        kept |= laid_out
    return {day: kept[keys[day]] for day in days}


def _window_starts(day, window, policy, zone):
    step = policy.slot_length + policy.buffer
    wall = datetime.combine(day, window.opens_at)
    closes = datetime.combine(day, window.closes_at)
    while wall + policy.slot_length <= closes:
        aware = _local(day, wall.time(), zone)
        if aware is not None:
            yield aware.astimezone(UTC)
        wall += step


def free_time_at(starts_at, *, now=None, policy=None):
    """The FreeTime starting exactly at `starts_at`, or None if that time cannot be booked."""
    zone = timezone.get_current_timezone()
    day = starts_at.astimezone(zone).date()
    for free in free_times(now=now, first_day=day, last_day=day, policy=policy).get(day, []):
        if free.starts_at == starts_at:
            return free
    return None


def parse_start(value):
    """A slot's start from a form value (ISO 8601 with offset); None if it is not one. A moment
    years away is no slot either, and at the calendar's edges (year 1, year 9999) converting it
    between zones would overflow."""
    try:
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None or abs(parsed - datetime.now(UTC)) > NO_SLOT_BEYOND:
            return None
        return parsed.astimezone(UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def first_free_days(count=5, *, now=None):
    """The first `count` days with free times, each with how many it has. Only those days are
    laid out: the whole booking horizon cost the booking page a fifth of its render time."""
    return [(day, len(times)) for day, times in free_times(now=now, days_wanted=count).items()]

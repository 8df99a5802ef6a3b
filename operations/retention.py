"""How long the site keeps each kind of record about visitors and staff sign-ins.

One list, read by the privacy page (which states each period) and by the purges (`purge_old_leads`,
run from cron, and the Insights counter's own daily prune), so what the page says and what the site
deletes cannot drift apart. Periods read their settings when asked, so changing a setting changes
the page and the purge together.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.utils import timezone

# A connection's count of calls booked is keyed by the day, so it must outlive that day wherever in
# it the first call was booked: kept two days.
CALL_COUNT_DAYS = 2


@dataclass(frozen=True)
class Retention:
    name: str  # the privacy page's name for the number
    records: str  # what the purge deletes, for its report
    unit: str  # "days" or "hours"
    amount_of: Callable[[], int]
    # (now, now less the period) -> the rows past their period, one queryset per table
    expired: Callable

    @property
    def amount(self):
        return self.amount_of()

    @property
    def period(self):
        return timedelta(**{self.unit: self.amount})

    def purge(self, now=None):
        """Delete the rows past their period; how many went (rows deleted with them not counted)."""
        now = now or timezone.now()
        deleted = 0
        for rows in self.expired(now, now - self.period):
            _, by_model = rows.delete()
            deleted += by_model.get(rows.model._meta.label, 0)
        return deleted


def _rows(model):
    return apps.get_model(model).objects


RETENTIONS = [
    Retention(
        name="lead_retention_days",
        records="booking requests (with the calls booked with them)",
        unit="days",
        amount_of=lambda: settings.LEAD_RETENTION_DAYS,
        expired=lambda now, cutoff: [_rows("booking.BookingRequest").filter(created_at__lt=cutoff)],
    ),
    Retention(
        name="unconfirmed_signup_days",
        records="unconfirmed newsletter sign-ups",
        unit="days",
        amount_of=lambda: settings.UNCONFIRMED_SIGNUP_DAYS,
        expired=lambda now, cutoff: [
            _rows("newsletter.Subscriber").filter(confirmed_at__isnull=True, created_at__lt=cutoff)
        ],
    ),
    Retention(
        name="insights_retention_days",
        records="days of Insights counts",
        unit="days",
        amount_of=lambda: settings.INSIGHTS_RETENTION_DAYS,
        # A day's counts run to its end, so a day goes once the period has passed since it ended.
        expired=lambda now, cutoff: [
            _rows("insights.DailyCount").filter(day__lt=timezone.localdate(now) - (now - cutoff))
        ],
    ),
    # A count carries its own expiry, set when it is made: every count a form post makes (per
    # address per minute, a form's single use) within the form's lifetime, a connection's count of
    # calls booked after CALL_COUNT_DAYS. One purge deletes whatever has expired.
    Retention(
        name="form_count_hours",
        records="expired form and call counts",
        unit="hours",
        amount_of=lambda: max(settings.FORM_TOKEN_MAX_AGE_HOURS, 1),
        expired=lambda now, cutoff: [_rows("public_forms.Tally").filter(expires_at__lte=now)],
    ),
    Retention(
        name="call_count_days",
        records="",
        unit="days",
        amount_of=lambda: CALL_COUNT_DAYS,
        expired=lambda now, cutoff: [],  # the expired counts, deleted by the purge above
    ),
    # The queue keeps what it sent, so the admin can show a failed email and a resend can be
    # traced; an email still waiting for its next try is never deleted.
    Retention(
        name="email_copy_days",
        records="copies of emails sent or given up on",
        unit="days",
        amount_of=lambda: settings.SENT_EMAIL_DAYS,
        expired=lambda now, cutoff: [
            _rows("public_forms.QueuedEmail").exclude(status="pending").filter(created_at__lt=cutoff)
        ],
    ),
    # django-axes notes the address and browser of each staff sign-in and failed attempt (the
    # lockout needs them for an hour; the admin shows them to find who was guessing).
    Retention(
        name="sign_in_record_days",
        records="records of staff sign-ins and failed attempts",
        unit="days",
        amount_of=lambda: settings.SIGN_IN_RECORD_DAYS,
        expired=lambda now, cutoff: [
            _rows(model).filter(attempt_time__lt=cutoff)
            for model in ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog")
        ],
    ),
]


def stated_periods():
    """Each period by its name, for the privacy page."""
    return {retention.name: retention.amount for retention in RETENTIONS}


def purge_all(now=None):
    """Delete everything past its period: (what, how many) for each kind of record."""
    return [(retention.records, retention.purge(now)) for retention in RETENTIONS if retention.records]


def retention(name):
    return next(retention for retention in RETENTIONS if retention.name == name)

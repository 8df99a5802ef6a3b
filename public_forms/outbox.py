"""Emails the site owes visitors and the front desk, each sent exactly once.

A row records when its email went out (`notified_at`, `confirmation_sent_at`, ...). Cron may run
`send_pending_emails` on several servers at once, or one run may overlap the next: so each email
is claimed first, by setting that field only where it is still empty (one conditional update, so
only one run wins), then sent, and the claim is given back if sending fails, for the next run.
"""

import logging

from django.utils import timezone

logger = logging.getLogger(__name__)


def send_once(message, row, stamp):
    """Send `message` for `row` unless another run has claimed it; True when it went out."""
    rows = type(row).objects.filter(pk=row.pk)
    if not rows.filter(**{f"{stamp}__isnull": True}).update(**{stamp: timezone.now()}):
        return False
    try:
        message.send()
    except Exception:  # any mail backend's failure: the email stays owed
        logger.exception(
            "Could not send %s for %s %s; it will be retried", stamp, type(row)._meta.verbose_name, row.pk
        )
        rows.update(**{stamp: None})
        return False
    return True

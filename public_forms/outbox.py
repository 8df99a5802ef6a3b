"""Every email the site sends goes through this queue: none leaves during a request.

`queue()` writes the email as a row (QueuedEmail) in the transaction of the change it reports, so
the change and its email are saved together or not at all. `send_due()` (run by
`send_pending_emails`, once from cron or continuously with --watch) claims each due row with a
lease, sends it, and marks it sent only after the mail server accepted it. A refusal is retried
later, less and less often, and after the last try the row is marked failed for the admin home.

Claiming is one conditional update per row ("still pending and due"), which only one sender can
win on SQLite and PostgreSQL alike, however many servers run one. A sender that dies after the
mail server accepted an email but before marking it leaves the row leased; when the lease ends it
is sent again with the same Message-ID: an email may arrive twice, but none is lost.
"""

import base64
import email
import logging
from datetime import timedelta
from email.mime.base import MIMEBase
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import QueuedEmail

logger = logging.getLogger(__name__)
# Long enough for one SMTP exchange (EMAIL_TIMEOUT) with room to spare: a row leased this long
# ago whose sender has not marked it belongs to a sender that died.
LEASE = timedelta(minutes=2)
# Waits after each failed try: the mail server gets a day to come back before the email fails.
RETRY_DELAYS = [timedelta(minutes=minutes) for minutes in (1, 5, 15, 60, 180, 360, 720)]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1

# Rows a release before the queue saved without queueing their emails: each app that sends some
# registers, in its AppConfig.ready(), how to find its rows still owed one and how to queue it.
_owed_emails = []


def register_owed_emails(pending, queue_for):
    """`pending()` gives the rows still owed an email; `queue_for(pk)` queues what one is owed."""
    _owed_emails.append((pending, queue_for))


def queue_owed():
    for pending, queue_for in _owed_emails:
        for pk in pending().values_list("pk", flat=True):
            queue_for(pk)


def queue(message):
    """Write `message` (a Django EmailMessage) to the queue; it goes out once the caller's
    transaction commits and a sender runs."""
    message_id = make_msgid(domain=urlsplit(settings.SITE_URL).hostname)
    return QueuedEmail.objects.create(
        next_attempt_at=timezone.now(),
        message_id=message_id,
        subject=message.subject,
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(message.to),
        body=message.body,
        headers={**message.extra_headers, "Message-ID": message_id},
        attachments=[_attachment_to_json(attachment) for attachment in message.attachments],
    )


def queue_once(message, row, stamp):
    """Queue `message` for `row` unless it already was: `stamp` (a date field of the row) records
    that it was, set only where still empty in the same transaction, so one email is queued
    however many requests or runs try at once. True when this call queued it."""
    with transaction.atomic():
        rows = type(row).objects.filter(pk=row.pk, **{f"{stamp}__isnull": True})
        if not rows.update(**{stamp: timezone.now()}):
            return False
        queue(message)
    return True


def send_due(now=None):
    """Send every email that is due; returns how many the mail server accepted."""
    now = now or timezone.now()
    due = QueuedEmail.objects.filter(status=QueuedEmail.Status.PENDING, next_attempt_at__lte=now)
    accepted = 0
    for pk in list(due.order_by("next_attempt_at").values_list("pk", flat=True)):
        claimed = due.filter(pk=pk).update(attempts=F("attempts") + 1, next_attempt_at=now + LEASE)
        if claimed:
            accepted += _send(QueuedEmail.objects.get(pk=pk))
    return accepted


def _send(row):
    try:
        as_message(row).send()
    except Exception as error:  # any mail backend's failure: the email stays owed
        _failed(row, error)
        return False
    QueuedEmail.objects.filter(pk=row.pk).update(status=QueuedEmail.Status.SENT, sent_at=timezone.now())
    return True


def _failed(row, error):
    # The error's text can name recipients (SMTPRecipientsRefused does): only its kind and code.
    code = getattr(error, "smtp_code", None)
    reason = f"{type(error).__name__}{f' {code}' if code else ''}"
    if row.attempts >= MAX_ATTEMPTS:
        changes = {"status": QueuedEmail.Status.FAILED}
        logger.error(
            "Email %s failed after %s tries (%s); shown on the admin home", row.pk, row.attempts, reason
        )
    else:
        changes = {"next_attempt_at": timezone.now() + RETRY_DELAYS[row.attempts - 1]}
        logger.warning("Email %s not sent on try %s (%s); it will be retried", row.pk, row.attempts, reason)
    QueuedEmail.objects.filter(pk=row.pk).update(last_error=reason[:200], **changes)


def as_message(row):
    message = EmailMessage(
        subject=row.subject, body=row.body, from_email=row.from_email, to=row.to, headers=row.headers
    )
    for attachment in row.attachments:
        message.attach(*_attachment_from_json(attachment))
    return message


def _attachment_to_json(attachment):
    if isinstance(attachment, MIMEBase):
        return {"mime": attachment.as_string()}
    filename, content, mimetype = attachment
    if isinstance(content, bytes):
        return {"filename": filename, "base64": base64.b64encode(content).decode(), "mimetype": mimetype}
    return {"filename": filename, "content": content, "mimetype": mimetype}


def _attachment_from_json(data):
    if "mime" not in data:
        content = base64.b64decode(data["base64"]) if "base64" in data else data["content"]
        return data["filename"], content, data["mimetype"]
    parsed = email.message_from_string(data["mime"])
    part = MIMEBase(parsed.get_content_maintype(), parsed.get_content_subtype())
    for header in list(part.keys()):
        del part[header]
    for header, value in parsed.items():
        part[header] = value
    part.set_payload(parsed.get_payload())
    return (part,)

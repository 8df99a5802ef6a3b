from django.db import models


class Tally(models.Model):
    """A count of posts kept for a while: per client address per minute (rate limits), per
    address per day (booking caps) or once per form (single-use tokens). Kept in the database so
    that every worker and every server counts together. The key is a keyed hash: no client
    address, email address or token is stored."""

    key = models.CharField(max_length=64, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.count} until {self.expires_at:%Y-%m-%d %H:%M}"


class QueuedEmail(models.Model):
    """An email the site owes someone, written in the same transaction as the change it reports
    and sent later by `send_pending_emails` (public_forms/outbox.py). Marked sent only once the
    mail server has accepted it; a sender that dies first leaves it to be sent again, with the
    same Message-ID so that the recipient's mail system can tell it is the same email."""

    class Status(models.TextChoices):
        PENDING = "pending", "waiting to be sent"
        SENT = "sent", "sent"
        FAILED = "failed", "could not be sent"

    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # While a sender holds it, the end of its lease; otherwise when the next try is due.
    next_attempt_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    # The error's kind and the mail server's reply code, never its text (which names addresses).
    last_error = models.CharField(max_length=200, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=255, unique=True)
    subject = models.CharField(max_length=255)
    from_email = models.CharField(max_length=255)
    to = models.JSONField()
    body = models.TextField()
    headers = models.JSONField(default=dict)
    # Each a MIME part as text (a calendar invitation keeps its method parameter that way).
    attachments = models.JSONField(default=list)

    class Meta:
        verbose_name = "queued email"
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return self.subject

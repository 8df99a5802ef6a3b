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

from django.db import models


class Subscriber(models.Model):
    """An address that asked for the newsletter. It counts only once confirmed from the inbox."""

    email = models.EmailField(max_length=254, unique=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="Empty until the address is confirmed."
    )
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    welcome_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

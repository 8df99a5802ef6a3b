from django.db import models


class BookingRequest(models.Model):
    """A visitor asking for the free 10-minute intro call: a lead for the front desk."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        BOOKED = "booked", "Booked"
        NOT_A_FIT = "not-a-fit", "Not a fit"
        SPAM = "spam", "Spam"

    first_name = models.CharField(max_length=80)
    email = models.EmailField()
    phone = models.CharField(max_length=30, blank=True)
    has_consented = models.BooleanField(
        "consented to be contacted", help_text="Ticked by the visitor on the form."
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    notes = models.TextField(blank=True, help_text="Front-desk notes; never shown to the visitor.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.first_name} <{self.email}>"

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from clinic.models import Weekday
from publishing.models import CachedContent


class SchedulingPolicy(CachedContent):
    """The clinic's booking rules; there is only ever one. Like the windows and closed dates, a
    change moves the content generation on, which the free times are kept under (`slots.py`)."""

    slot_minutes = models.PositiveSmallIntegerField(
        "call length (minutes)", default=10, validators=[MinValueValidator(5), MaxValueValidator(60)]
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        "gap between calls (minutes)", default=5, validators=[MaxValueValidator(60)]
    )
    minimum_notice_hours = models.PositiveSmallIntegerField(
        "minimum notice (hours)",
        default=12,
        validators=[MaxValueValidator(168)],
        help_text="Visitors cannot book a call starting sooner than this.",
    )
    horizon_days = models.PositiveSmallIntegerField(
        "book ahead (days)",
        default=21,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text="How many days ahead visitors may book, counting today.",
    )
    reminder_hours = models.PositiveSmallIntegerField(
        "reminder (hours before)", default=24, validators=[MinValueValidator(1), MaxValueValidator(72)]
    )

    class Meta:
        verbose_name = verbose_name_plural = "booking rules"

    def __str__(self):
        return "Booking rules"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls):
        policy, _ = cls.objects.get_or_create(pk=1)
        return policy

    @property
    def slot_length(self):
        return timedelta(minutes=self.slot_minutes)

    @property
    def buffer(self):
        return timedelta(minutes=self.buffer_minutes)


class AvailabilityWindow(CachedContent):
    clinician = models.ForeignKey(
        "clinicians.Clinician", on_delete=models.CASCADE, related_name="availability"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens_at = models.TimeField("from", help_text="In the clinic's time zone, e.g. 09:00.")
    closes_at = models.TimeField("until", help_text="The last call ends by this time.")

    class Meta:
        ordering = ["clinician", "weekday", "opens_at"]
        verbose_name = "opening window"

    def __str__(self):
        return f"{self.clinician.name}: {self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "The window must end after it starts."})


class ClosedDate(CachedContent):
    date = models.DateField()
    clinician = models.ForeignKey(
        "clinicians.Clinician",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="closed_dates",
        help_text="Leave empty to close the whole clinic that day.",
    )
    reason = models.CharField(max_length=120, blank=True, help_text="For staff only, e.g. “Public holiday”.")

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["date", "clinician"], name="unique_closed_date")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} ({self.clinician.name if self.clinician else 'whole clinic'})"


class IntroCall(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        CANCELLED = "cancelled", "Cancelled"
        DONE = "done", "Done"
        NO_SHOW = "no-show", "No-show"

    clinician = models.ForeignKey(
        "clinicians.Clinician", on_delete=models.PROTECT, related_name="intro_calls"
    )
    booking_request = models.ForeignKey(
        "booking.BookingRequest", on_delete=models.CASCADE, related_name="intro_calls"
    )
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BOOKED)
    link_version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Raised on every change, so older emailed links stop working."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    visitor_time_zone = models.CharField(
        max_length=64, blank=True, editable=False, help_text="The time zone the visitor's browser reported."
    )
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    visitor_moved_at = models.DateTimeField(
        "moved by the visitor",
        null=True,
        blank=True,
        editable=False,
        help_text="When the visitor last moved it; cleared once the front desk marks it seen.",
    )

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            # The guarantee that a slot is never booked twice, whatever the application does.
            models.UniqueConstraint(
                fields=["clinician", "starts_at"],
                condition=models.Q(status="booked"),
                name="one_booked_call_per_clinician_and_time",
            )
        ]

    def __str__(self):
        return f"Intro call #{self.pk}"

    def who_calls(self, profile):
        """Who will call and from which number, as the page, the emails and the calendar file all
        say it, so the visitor knows the call to pick up."""
        caller = f"{self.clinician.name}, {self.clinician.credentials}".rstrip(", ")
        if profile.intro_calls_by == "video":
            return f"{caller} will contact you for the video call."
        number = f" from {profile.phone}" if profile.phone else ""
        return f"{caller} will call you{number}."

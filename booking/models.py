import re

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from clinic.models import ClinicProfile

A_PHONE = re.compile(r"\+?[\d ().-]+(?:\s*(?:ext\.?|x)\s*\d+)?", re.IGNORECASE)
PHONE_NEEDED = "Please give a phone number: your intro call is a phone call, and we call you on it."


def validate_phone(value):
    """One line of what phone numbers hold: it goes into emails and the front desk dials it."""
    if value.strip() and not (A_PHONE.fullmatch(value.strip()) and any(c.isdigit() for c in value)):
        raise ValidationError(
            "Please enter a phone number with digits (spaces, dashes, brackets and + are fine).",
            code="invalid_phone",
        )


def calls_need_a_phone():
    """Whether the clinic makes its intro calls by phone, so a booked call needs a number to ring."""
    return ClinicProfile.current_or_defaults().intro_calls_by == "phone"


class BookingRequest(models.Model):
    """A visitor asking for the free 10-minute intro call: a lead for the front desk."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        BOOKED = "booked", "Call booked"
        CALL_CANCELLED = "call-cancelled", "Call cancelled by the visitor"
        CALL_DONE = "call-done", "Call done"
        NO_SHOW = "no-show", "No-show"
        NOT_A_FIT = "not-a-fit", "Not a fit"
        SPAM = "spam", "Spam"

    class PreferredTime(models.TextChoices):
        ANY = "any", "Any time"
        WEEKDAY_MORNING = "weekday-morning", "Weekday mornings (9am to noon)"
        WEEKDAY_AFTERNOON = "weekday-afternoon", "Weekday afternoons (noon to 5pm)"
        WEEKDAY_EVENING = "weekday-evening", "Weekday evenings (5pm to 7pm)"

    first_name = models.CharField(max_length=80)
    email = models.EmailField(max_length=254)
    phone = models.CharField(max_length=30, blank=True, validators=[validate_phone])
    preferred_time = models.CharField(
        "best time to call", max_length=20, choices=PreferredTime.choices, default=PreferredTime.ANY
    )
    has_consented = models.BooleanField(
        "consented to be contacted", help_text="Ticked by the visitor on the form."
    )
    wants_newsletter = models.BooleanField("asked for the newsletter", default=False)
    source_path = models.CharField(
        "source page",
        max_length=200,
        blank=True,
        help_text="The page the visitor came from, as recorded by the site.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    repeat_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeats",
        editable=False,
        help_text="An earlier request from the same address, less than half an hour before, with other details.",
    )
    notes = models.TextField(blank=True, help_text="Front-desk notes; never shown to the visitor.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    notified_at = models.DateTimeField(
        "front desk emailed",
        null=True,
        blank=True,
        editable=False,
        help_text="Empty until the email went out.",
    )
    confirmed_at = models.DateTimeField(
        "visitor emailed", null=True, blank=True, editable=False, help_text="Empty until the email went out."
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.first_name} <{self.email}>"

    def clean(self):
        """A call booked by phone needs the number to ring, whichever door booked or changed it:
        the call-booking form, a move, the front desk's edits."""
        super().clean()
        if not self.phone.strip() and self.has_a_call_booked() and calls_need_a_phone():
            raise ValidationError(PHONE_NEEDED, code="phone_needed")

    def has_a_call_booked(self):
        return self.status == self.Status.BOOKED or (
            self.pk is not None and self.intro_calls.filter(status="booked").exists()
        )

    @property
    def call(self):
        """The call this request booked: the one still booked, else the latest; None without one.
        Read from `intro_calls` as prefetched (lists prefetch it with the clinician)."""
        calls = sorted(self.intro_calls.all(), key=lambda call: call.starts_at)
        booked = [call for call in calls if call.status == "booked"]
        return (booked or calls or [None])[-1]

    def call_summary(self):
        """The call as the front desk reads it everywhere the request shows: its time in the
        clinic's zone, who calls, and how it ended if it is not still booked."""
        call = self.call
        if call is None:
            return ""
        when = format_date(timezone.localtime(call.starts_at), "D M j, Y, g:i A T")
        ended = "" if call.status == "booked" else f" ({call.get_status_display().lower()})"
        return f"{when} with {call.clinician.name}{ended}"

    def call_admin_url(self):
        return reverse("admin:scheduling_introcall_change", args=[self.call.pk]) if self.call else ""

    def get_admin_url(self):
        return reverse("admin:booking_bookingrequest_change", args=[self.pk])

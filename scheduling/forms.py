from django import forms

from booking.forms import ContactForm
from public_forms.forms import SpamGuardForm

from .slots import parse_start
from .zones import visitor_zone


class SlotField(forms.CharField):
    """A chosen time, posted as an ISO 8601 start; whether it is free is the booking service's call."""

    def clean(self, value):
        value = super().clean(value)
        starts_at = parse_start(value)
        if starts_at is None:
            raise forms.ValidationError("Please choose one of the times shown.", code="invalid_slot")
        return starts_at


def slot_field():
    return SlotField(
        label="Time", max_length=40, error_messages={"required": "Please choose one of the times shown."}
    )


class CallTimeForm(SpamGuardForm):
    """Choosing a new time for a call already booked."""

    slot = slot_field()


class CallBookingForm(ContactForm):
    slot = slot_field()
    # Filled in by the page's script: emails then give the time in the visitor's own zone.
    time_zone = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def clean_time_zone(self):
        key = self.cleaned_data["time_zone"]
        return key if visitor_zone(key) else ""

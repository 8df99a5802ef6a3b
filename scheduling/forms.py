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
    """Choosing a new time for a call already booked; a call booked before phone numbers were
    asked for gets one here."""

    slot = slot_field()
    phone = ContactForm.base_fields["phone"]
    clean_phone = ContactForm.clean_phone
    ask_for_the_phone_to_ring = ContactForm.ask_for_the_phone_to_ring

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        if call.booking_request.phone:
            del self.fields["phone"]
        else:
            self.ask_for_the_phone_to_ring()


class CallBookingForm(ContactForm):
    slot = slot_field()
    # Filled in by the page's script: emails then give the time in the visitor's own zone.
    time_zone = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.ask_for_the_phone_to_ring()

    def clean_time_zone(self):
        key = self.cleaned_data["time_zone"]
        return key if visitor_zone(key) else ""

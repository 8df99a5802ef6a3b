from django import forms
from django.core import signing

from hipcare.public_forms import NormalizedEmailField, SpamGuardForm

from .models import BookingRequest

SOURCE_SALT = "booking.source"


def source_token(path):
    """A signed page path for booking links, so the source recorded is one the site itself wrote."""
    return signing.Signer(salt=SOURCE_SALT).sign(path)


class BookingRequestForm(SpamGuardForm, forms.ModelForm):
    email = NormalizedEmailField(label="Email", widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    has_consented = forms.BooleanField(
        label="The clinic may contact me about my intro call",
        error_messages={"required": "Please tick this box so we may contact you about your call."},
    )
    wants_newsletter = forms.BooleanField(
        label="Also send me the occasional newsletter (you can unsubscribe at any time)", required=False
    )
    source = forms.CharField(required=False, widget=forms.HiddenInput, max_length=400)

    class Meta:
        model = BookingRequest
        fields = ["first_name", "email", "phone", "preferred_time", "has_consented", "wants_newsletter"]
        labels = {"phone": "Phone (optional)"}
        error_messages = {
            "first_name": {
                "required": "Please tell us your first name.",
                "max_length": "Please shorten your first name to 80 characters or fewer.",
            },
            "phone": {"max_length": "Please enter a phone number of 30 characters or fewer."},
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "preferred_time": forms.RadioSelect,
        }

    def clean_source(self):
        try:
            return signing.Signer(salt=SOURCE_SALT).unsign(self.cleaned_data["source"])
        except signing.BadSignature:
            return ""

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not any(character.isdigit() for character in phone):
            raise forms.ValidationError("Please enter a phone number with digits, or leave it empty.")
        return phone

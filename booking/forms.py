import re

from django import forms
from django.core import signing

from public_forms.forms import NormalizedEmailField, SpamGuardForm

from .models import PHONE_NEEDED, BookingRequest, calls_need_a_phone, validate_phone

SOURCE_SALT = "booking.source"


def source_token(path):
    """A signed page path for booking links, so the source recorded is one the site itself wrote."""
    return signing.Signer(salt=SOURCE_SALT).sign(path)


# Names go into emails to whatever address is typed: one line of letters, so no one can make the
# clinic's email carry a paragraph, a link or markup of theirs.
FIRST_NAME_LIMIT = 40
A_NAME = re.compile(r"[^\W\d_]+(?:[ '’.-]+[^\W\d_]+)*\.?")


class ContactForm(SpamGuardForm):
    """The visitor's contact details, shared by the request form and the call-booking form."""

    first_name = forms.CharField(
        label="First name",
        max_length=FIRST_NAME_LIMIT,
        error_messages={
            "required": "Please tell us your first name.",
            "max_length": f"Please shorten your first name to {FIRST_NAME_LIMIT} characters or fewer.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    email = NormalizedEmailField(label="Email", widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(
        label="Phone (optional)",
        max_length=30,
        required=False,
        error_messages={"max_length": "Please enter a phone number of 30 characters or fewer."},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    has_consented = forms.BooleanField(
        label="The clinic may contact me about my intro call",
        error_messages={"required": "Please tick this box so we may contact you about your call."},
    )
    source = forms.CharField(required=False, widget=forms.HiddenInput, max_length=400)

    def clean_source(self):
        try:
            return signing.Signer(salt=SOURCE_SALT).unsign(self.cleaned_data["source"])
        except signing.BadSignature:
            return ""

    def clean_first_name(self):
        name = self.cleaned_data["first_name"].strip()
        if not A_NAME.fullmatch(name):
            raise forms.ValidationError(
                "Please enter just your first name, on one line: letters, with spaces, hyphens or "
                "apostrophes between them."
            )
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        try:
            validate_phone(phone)
        except forms.ValidationError:
            raise forms.ValidationError(
                "Please enter a phone number with digits (spaces, dashes, brackets and + are fine)"
                + ("." if self.fields["phone"].required else ", or leave it empty.")
            ) from None
        return phone

    def ask_for_the_phone_to_ring(self):
        """For a call booked now: the number is needed when the clinic calls by phone."""
        if calls_need_a_phone():
            phone = self.fields["phone"]
            phone.required = True
            phone.label = "Phone"
            phone.error_messages["required"] = PHONE_NEEDED


class BookingRequestForm(ContactForm, forms.ModelForm):
    wants_newsletter = forms.BooleanField(
        label="Also send me the occasional newsletter (you can unsubscribe at any time)", required=False
    )

    class Meta:
        model = BookingRequest
        fields = ["first_name", "email", "phone", "preferred_time", "has_consented", "wants_newsletter"]
        widgets = {"preferred_time": forms.RadioSelect}

from django import forms

from .models import BookingRequest


class BookingRequestForm(forms.ModelForm):
    has_consented = forms.BooleanField(
        label="The clinic may contact me about my intro call",
        error_messages={"required": "Please tick this box so we may contact you about your call."},
    )

    class Meta:
        model = BookingRequest
        fields = ["first_name", "email", "phone", "has_consented"]
        labels = {"phone": "Phone (optional)"}
        error_messages = {
            "first_name": {"required": "Please tell us your first name."},
            "email": {
                "required": "Email address is required.",
                "invalid": "Please enter an email address like name@example.com.",
            },
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }

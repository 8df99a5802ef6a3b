from public_forms.forms import NormalizedEmailField, SpamGuardForm


class SubscribeForm(SpamGuardForm):
    email = NormalizedEmailField(label="Your email")

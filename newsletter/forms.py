from hipcare.public_forms import NormalizedEmailField, SpamGuardForm


class SubscribeForm(SpamGuardForm):
    email = NormalizedEmailField(label="Your email")

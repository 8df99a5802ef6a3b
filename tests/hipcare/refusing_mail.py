"""An email backend whose server refuses every recipient, as an SMTP server does for an address
it does not know."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, messages):
        refused = {address: (550, b"5.1.1 No such user") for message in messages for address in message.to}
        raise smtplib.SMTPRecipientsRefused(refused)

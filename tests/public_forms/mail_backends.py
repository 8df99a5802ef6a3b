"""Mail servers that misbehave, for the queue's tests."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend

accepted_before_dying = []


class ProcessDiesAfterAccepting(BaseEmailBackend):
    """The mail server accepts the email, then the sending process is killed before it can mark
    it sent (SystemExit is what a SIGTERM handler raises; nothing may catch it)."""

    def send_messages(self, email_messages):
        accepted_before_dying.extend(email_messages)
        raise SystemExit(1)


class RefusesTheRecipient(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused(
            {message.to[0]: (550, b"no such user") for message in email_messages}
        )

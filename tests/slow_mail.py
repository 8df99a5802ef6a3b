"""An email backend for tests with separate processes: each message takes a moment to send (so
overlapping runs really overlap) and is written as one line to the file named by OUTBOX_FILE."""

import os
import time

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, messages):
        for message in messages:
            time.sleep(0.02)
            with open(os.environ["OUTBOX_FILE"], "a") as outbox:
                outbox.write(f"{message.to[0]} {message.subject}\n")
        return len(messages)

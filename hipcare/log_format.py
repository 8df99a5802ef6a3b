"""Log lines that say what happened without saying who, and that nobody can forge.

Production logs are one JSON object per line, so a log service can search and count by field.
Every log line, the application server's access log included, passes through `loggable`: links
that open a visitor's own call or subscription are shown as `[link]` (whoever reads the logs
must not be able to open them), and control characters are written as escapes, so a `%0a` in a
requested path cannot start a line of the requester's choosing.
"""

import json
import logging
import re
from datetime import UTC, datetime

from gunicorn.glogging import Logger

STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
# The part of a path that works as a key: manage-call and newsletter links.
PERSONAL_LINK = re.compile(r"(/book/call/|/newsletter/(?:confirm|unsubscribe)/)[^/\s'\"?]+")
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def loggable(text):
    text = CONTROL_CHARACTER.sub(lambda match: match.group().encode("unicode_escape").decode(), str(text))
    return PERSONAL_LINK.sub(r"\1[link]", text)


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": loggable(record.getMessage()),
        }
        entry.update(
            {
                # Numbers stay numbers; anything else (a request, say) is logged as its text.
                key: value if value is None or isinstance(value, int | float) else loggable(value)
                for key, value in vars(record).items()
                if key not in STANDARD and not key.startswith("_")
            }
        )
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


class TextFormatter(logging.Formatter):
    """For development: plain lines, with the same care for what a message may contain."""

    def formatMessage(self, record):
        record.message = loggable(record.message)
        return super().formatMessage(record)


class AccessLogger(Logger):
    """gunicorn's access log, with each request's parts made loggable."""

    def atoms(self, resp, req, environ, request_time):
        return {
            key: loggable(value) if isinstance(value, str) else value
            for key, value in super().atoms(resp, req, environ, request_time).items()
        }

"""Log lines that say what happened without saying who, and that nobody can forge.

Production logs are one JSON object per line, so a log service can search and count by field.
Every handler, Django's and gunicorn's error and access logs alike, carries `PrivateDetailsFilter`,
so a logger added anywhere later is covered too. Before any formatter sees a record, the filter
rewrites its message, extra fields and traceback through `loggable`:

- query strings are dropped: they carry a self-check's answers, `?email=` and signed links;
- email addresses (also `%40`-encoded) become `[email]`, and anything shaped like a signed or
  random token becomes `[token]`; links that open a visitor's own call or subscription show as
  `[link]`, so whoever reads the logs cannot open them;
- control characters are written as escapes, so a `%0a` in a requested path cannot start a line
  of the requester's choosing.
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
# A path or address followed by its query: everything from the `?` to the next space or quote.
QUERY_STRING = re.compile(r"(/[^\s?'\"<>]*)\?[^\s'\"<>]*")
EMAIL = re.compile(r"[\w.+%-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# Signed values (`payload:timestamp:signature`), encrypted or random tokens: long runs of URL-safe
# characters mixing letters and digits. Words, paths and hashed file names are shorter or unmixed.
TOKEN_LIKE = re.compile(r"[\w-]{20,}(?::[\w-]+)*|[\w-]+(?::[\w-]+){2,}")


def _token(match):
    text = match.group()
    mixed = any(c.isdigit() for c in text) and any(c.isalpha() for c in text)
    return "[token]" if mixed and len(text) >= 20 else text


def loggable(text):
    text = CONTROL_CHARACTER.sub(lambda match: match.group().encode("unicode_escape").decode(), str(text))
    text = QUERY_STRING.sub(r"\1", text)
    text = PERSONAL_LINK.sub(r"\1[link]", text)
    text = EMAIL.sub("[email]", text)
    return TOKEN_LIKE.sub(_token, text)


class PrivateDetailsFilter(logging.Filter):
    """Rewrites a record in place so no handler can write a visitor's details (see above)."""

    def filter(self, record):
        record.msg, record.args = loggable(record.getMessage()), ()
        for key, value in vars(record).items():
            # Numbers stay numbers; anything else (a request, say) is kept as its loggable text.
            if key not in STANDARD and not key.startswith("_") and not isinstance(value, int | float | None):
                setattr(record, key, loggable(value))
        if record.exc_info:
            record.exc_text = loggable(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = loggable(record.exc_text)
        if record.stack_info:
            record.stack_info = loggable(record.stack_info)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(
            {
                key: value
                for key, value in vars(record).items()
                if key not in STANDARD and not key.startswith("_")
            }
        )
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, default=str)


class GunicornLogger(Logger):
    """gunicorn's error and access logs, each handler carrying the same filter as Django's."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if not any(isinstance(existing, PrivateDetailsFilter) for existing in handler.filters):
                    handler.addFilter(PrivateDetailsFilter())

"""The lines the admin home lists under "Needs attention". Staff sits below the apps whose work
it lists, so each of those apps hands its own lines over in its AppConfig.ready() with
`needs_attention(lines, order=...)`; they show by `order` (what is most pressing first), before
the lines staff reads itself (queued emails, pages awaiting review)."""

_registered = []


def needs_attention(lines, *, order):
    """Register `lines(user, today)`: (label, count, changelist URL name, query string) rows the
    user's permissions let them see, an empty list otherwise."""
    _registered.append((order, lines))
    _registered.sort(key=lambda entry: entry[0])


def registered_lines(user, today):
    return [line for _, lines in _registered for line in lines(user, today)]

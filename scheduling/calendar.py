"""The calendar file (.ics) attached to a call's emails."""

from email.mime.text import MIMEText
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from .links import manage_url


def calendar_file(call, profile, *, cancelled=False, method=None):
    """An iCalendar invitation (or cancellation) in the clinic's zone, with neutral wording, as
    RFC 5546 asks: from the clinic as organizer to the visitor as attendee, one UID for the call
    whatever happens to it, and a SEQUENCE that grows with every change, so a calendar app
    replaces the event it has (or removes it) rather than adding another."""
    zone = timezone.get_current_timezone()
    calendar = Calendar()
    calendar.add("prodid", "-//hipcare//intro calls//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method or calendar_method(cancelled))
    event = Event()
    event.add("uid", f"intro-call-{call.pk}@{urlsplit(settings.SITE_URL).hostname}")
    event.add("sequence", call.link_version)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", call.starts_at.astimezone(zone))
    event.add("dtend", call.ends_at.astimezone(zone))
    event.add("summary", f"Intro call with {profile.email_name}")
    if cancelled:
        event.add("description", "This call is cancelled.")
    else:
        # Calendar apps show the description and URL with the event: who calls, from which
        # number, and the page to move or cancel it, as the email said.
        link = settings.SITE_URL + manage_url(call)
        event.add("description", f"{call.who_calls(profile)}\n\nTo move or cancel: {link}")
        event.add("url", link)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    name, address = parseaddr(profile.sender)
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(name or profile.email_name)
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{call.booking_request.email}")
    attendee.params.update(
        {
            "cn": vText(call.booking_request.first_name),
            "role": vText("REQ-PARTICIPANT"),
            # The visitor chose the time themselves: there is nothing to accept.
            "partstat": vText("DECLINED" if cancelled else "ACCEPTED"),
            "rsvp": vText("FALSE"),
        }
    )
    event.add("attendee", attendee)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_method(cancelled):
    return "CANCEL" if cancelled else "REQUEST"


def calendar_download(call, profile):
    """The same event as a file to open from the page: PUBLISH, as a file that asks no reply."""
    return calendar_file(call, profile, method="PUBLISH")


def attach_calendar(message, call, profile, *, cancelled=False):
    """The invitation as RFC 6047 sends it: its METHOD repeated on the attachment's type."""
    part = MIMEText(calendar_file(call, profile, cancelled=cancelled).decode(), "calendar", "utf-8")
    part.set_param("method", calendar_method(cancelled))
    part.add_header("Content-Disposition", "attachment", filename="intro-call.ics")
    message.attach(part)

"""Booking, moving and cancelling intro calls, and the emails that go with them.

The database has the last word on double booking: a unique constraint on (clinician, start) for
booked calls. Two visitors racing for one time both pass the availability check; one insert wins
and the other gets SlotTaken, which the page turns into "just taken, pick another".
"""

import logging
from datetime import timedelta
from email.mime.text import MIMEText
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from icalendar import Calendar, Event, vCalAddress, vText

from booking.models import BookingRequest
from booking.services import booking_request_create
from clinic.models import ClinicProfile
from operations.retention import CALL_COUNT_DAYS
from public_forms import outbox
from public_forms.outbox import queue_once
from public_forms.tallies import add_one, count_of

from .models import IntroCall, SchedulingPolicy
from .slots import free_time_at
from .zones import visitor_zone, zone_label

logger = logging.getLogger(__name__)
LINK_SALT = "scheduling.manage-call"


class SlotTaken(Exception):
    """The chosen time is no longer free (or never was)."""


def manage_token(call):
    # Not timestamped: a link stays valid until the call changes, which retires it by version.
    return signing.Signer(salt=LINK_SALT).sign_object({"call": call.pk, "version": call.link_version})


def manage_url(call):
    return reverse("scheduling:manage", kwargs={"token": manage_token(call)})


def call_number(token):
    """The number of the call a manage link names, genuine or outdated; raises
    signing.BadSignature for a forged link."""
    return signing.Signer(salt=LINK_SALT).unsign_object(token).get("call")


def call_from_token(token):
    """The call a manage link points to; raises signing.BadSignature for forged links and
    LinkOutdated when a newer link has replaced it."""
    data = signing.Signer(salt=LINK_SALT).unsign_object(token)
    call = (
        IntroCall.objects.select_related("booking_request", "clinician").filter(pk=data.get("call")).first()
    )
    if call is None or call.link_version != data.get("version"):
        raise LinkOutdated
    return call


class LinkOutdated(Exception):
    """The link is genuine but an older one: the call was changed since it was sent."""


def intro_call_book(*, starts_at, first_name, email, phone, has_consented, source_path, time_zone=""):
    """Book the free time starting at `starts_at`, or raise SlotTaken."""
    with transaction.atomic():
        free = free_time_at(starts_at)
        if free is None:
            raise SlotTaken
        booking_request = BookingRequest(
            first_name=first_name,
            email=email,
            phone=phone,
            has_consented=has_consented,
            source_path=source_path,
            status=BookingRequest.Status.BOOKED,
        )
        booking_request.full_clean()
        booking_request.save()
        call = _claim(free, booking_request=booking_request, visitor_time_zone=time_zone)
        intro_call_emails_queue(call.pk)
    return call


def booking_limit_reached(*, email, client):
    """Why this visitor may book no more calls today, or None. One address or one connection
    could otherwise take every free time (a script took 216 of 224 in 41 seconds)."""
    today = timezone.localdate()
    booked_today = IntroCall.objects.filter(
        booking_request__email=email, status=IntroCall.Status.BOOKED, created_at__date=today
    ).count()
    if booked_today >= settings.CALLS_PER_EMAIL_PER_DAY:
        return (
            "This email address already has a call booked with us. To change it, use the link in "
            "the email we sent you."
        )
    if count_of("calls-from", client, today) >= settings.CALLS_PER_CONNECTION_PER_DAY:
        return "We cannot take more calls from this connection today. Please ask us to call you instead."
    return None


def booking_counted(client):
    add_one("calls-from", client, timezone.localdate(), seconds=CALL_COUNT_DAYS * 24 * 3600)


def bookings_on_hold():
    """Whether visitors' bookings wait for the front desk: more calls were booked in the last few
    minutes than a clinic's visitors book, so a script may be at work. Nobody loses a time they
    have; new visitors leave a request instead, and the front desk confirms a time."""
    since = timezone.now() - timedelta(minutes=settings.CALL_BURST_MINUTES)
    return IntroCall.objects.filter(created_at__gte=since).count() >= settings.CALL_BURST_LIMIT


def intro_call_hold(*, starts_at, first_name, email, phone, has_consented, source_path):
    """Leave a request naming the time asked for, for the front desk to confirm."""
    booking = booking_request_create(
        first_name=first_name,
        email=email,
        phone=phone,
        preferred_time=BookingRequest.PreferredTime.ANY,
        has_consented=has_consented,
        wants_newsletter=False,
        source_path=source_path,
    )
    asked_for = timezone.localtime(starts_at)
    note = (
        f"Asked for a call on {format_date(asked_for, 'l, F j')} at {format_date(asked_for, 'g:i A')} while many calls were being booked at "
        "once; the time was not taken. Confirm it with the visitor, or mark the request as spam."
    )
    BookingRequest.objects.filter(pk=booking.pk).update(notes=f"{booking.notes}\n{note}".strip())
    return booking


def _claim(free, **fields):
    for clinician_id in free.clinician_ids:
        try:
            with transaction.atomic():
                return IntroCall.objects.create(
                    clinician_id=clinician_id, starts_at=free.starts_at, ends_at=free.ends_at, **fields
                )
        except IntegrityError:
            continue
    raise SlotTaken


@transaction.atomic
def intro_call_move(call, starts_at, *, by_staff=False):
    """Move a booked call to another free time and email the visitor a new invitation."""
    call = IntroCall.objects.select_for_update().get(pk=call.pk)
    if call.status != IntroCall.Status.BOOKED:
        raise SlotTaken
    free = free_time_at(starts_at)
    if free is None:
        raise SlotTaken
    clinician_ids = (
        [call.clinician_id] if call.clinician_id in free.clinician_ids else list(free.clinician_ids)
    )
    for clinician_id in clinician_ids:
        try:
            with transaction.atomic():
                IntroCall.objects.filter(pk=call.pk).update(
                    clinician_id=clinician_id,
                    starts_at=free.starts_at,
                    ends_at=free.ends_at,
                    link_version=F("link_version") + 1,
                    reminder_sent_at=None,
                )
            break
        except IntegrityError:
            continue
    else:
        raise SlotTaken
    call.refresh_from_db()
    intro_call_changed_email(call.pk, by_staff=by_staff)
    return call


@transaction.atomic
def intro_call_cancel(call, *, by_staff=False):
    updated = IntroCall.objects.filter(pk=call.pk, status=IntroCall.Status.BOOKED).update(
        status=IntroCall.Status.CANCELLED, link_version=F("link_version") + 1
    )
    if updated:
        # Cancelled by the clinic, the request is new again for the front desk to find another
        # time; cancelled by the visitor, it says so.
        status = BookingRequest.Status.NEW if by_staff else BookingRequest.Status.CALL_CANCELLED
        BookingRequest.objects.filter(pk=call.booking_request_id).update(status=status)
        intro_call_changed_email(call.pk, by_staff=by_staff)
    return bool(updated)


@transaction.atomic
def intro_call_cancel_as_spam(call):
    updated = IntroCall.objects.filter(pk=call.pk, status=IntroCall.Status.BOOKED).update(
        status=IntroCall.Status.CANCELLED, link_version=F("link_version") + 1
    )
    if updated:
        BookingRequest.objects.filter(pk=call.booking_request_id).update(status=BookingRequest.Status.SPAM)
    return bool(updated)


OUTCOME_STATUS = {
    IntroCall.Status.DONE: BookingRequest.Status.CALL_DONE,
    IntroCall.Status.NO_SHOW: BookingRequest.Status.NO_SHOW,
}


@transaction.atomic
def intro_call_record_outcome(call, status):
    IntroCall.objects.filter(pk=call.pk).update(status=status)
    BookingRequest.objects.filter(pk=call.booking_request_id).update(status=OUTCOME_STATUS[status])


def calendar_file(call, profile, *, cancelled=False):
    """An iCalendar invitation (or cancellation) in the clinic's zone, with neutral wording, as
    RFC 5546 asks: from the clinic as organizer to the visitor as attendee, one UID for the call
    whatever happens to it, and a SEQUENCE that grows with every change, so a calendar app
    replaces the event it has (or removes it) rather than adding another."""
    zone = timezone.get_current_timezone()
    calendar = Calendar()
    calendar.add("prodid", "-//hipcare//intro calls//EN")
    calendar.add("version", "2.0")
    calendar.add("method", calendar_method(cancelled))
    event = Event()
    event.add("uid", f"intro-call-{call.pk}@{urlsplit(settings.SITE_URL).hostname}")
    event.add("sequence", call.link_version)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", call.starts_at.astimezone(zone))
    event.add("dtend", call.ends_at.astimezone(zone))
    event.add("summary", f"Intro call with {profile.email_name}")
    event.add("description", "A free 10-minute phone or video call. We will contact you at the time booked.")
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


def attach_calendar(message, call, profile, *, cancelled=False):
    """The invitation as RFC 6047 sends it: its METHOD repeated on the attachment's type."""
    part = MIMEText(calendar_file(call, profile, cancelled=cancelled).decode(), "calendar", "utf-8")
    part.set_param("method", calendar_method(cancelled))
    part.add_header("Content-Disposition", "attachment", filename="intro-call.ics")
    message.attach(part)


def _email_context(call, profile):
    """The call's time in the visitor's own zone (the one their browser reported, else the
    clinic's), named as people say it, with the clinic's time beside it when the two differ."""
    clinic_zone = timezone.get_current_timezone()
    zone = visitor_zone(call.visitor_time_zone) or clinic_zone
    local_start, clinic_start = call.starts_at.astimezone(zone), call.starts_at.astimezone(clinic_zone)
    differs = local_start.utcoffset() != clinic_start.utcoffset()
    # As wall-clock times: the date filter would turn a zone-aware time back into the clinic's.
    return {
        "call": call,
        "clinic": profile.email_name,
        "profile": profile,
        "local_start": local_start.replace(tzinfo=None),
        "zone_name": zone_label(zone),
        "clinic_start": clinic_start.replace(tzinfo=None) if differs else None,
        "clinic_zone_name": zone_label(clinic_zone),
        "clinic_time": clinic_start.replace(tzinfo=None),  # for the front desk
        "manage_url": settings.SITE_URL + manage_url(call),
    }


def intro_call_emails_queue(call_pk):
    """Queue the visitor's confirmation (with the invitation) and the front desk's notice, each
    once."""
    call = IntroCall.objects.select_related("booking_request").get(pk=call_pk)
    request = call.booking_request
    context = _email_context(call, ClinicProfile.current())
    if call.confirmation_sent_at is None:
        message = EmailMessage(
            from_email=context["profile"].sender,
            subject=f"Intro call with {context['clinic']}",
            body=render_to_string("scheduling/email/booked.txt", context),
            to=[request.email],
        )
        attach_calendar(message, call, context["profile"])
        if queue_once(message, call, "confirmation_sent_at"):
            BookingRequest.objects.filter(pk=request.pk).update(confirmed_at=timezone.now())
    if request.notified_at is None:
        message = EmailMessage(
            from_email=context["profile"].sender,
            subject=f"Intro call booked #{call.pk}",
            body=render_to_string(
                "scheduling/email/notify_front_desk.txt",
                {
                    **context,
                    "admin_url": settings.SITE_URL
                    + reverse("admin:scheduling_introcall_change", args=[call.pk]),
                },
            ),
            to=[settings.BOOKING_NOTIFY_EMAIL],
        )
        queue_once(message, request, "notified_at")


def intro_call_emails_pending():
    """Calls still booked and to come whose confirmation or front-desk notice has not gone out."""
    return IntroCall.objects.filter(status=IntroCall.Status.BOOKED, starts_at__gt=timezone.now()).filter(
        Q(confirmation_sent_at__isnull=True) | Q(booking_request__notified_at__isnull=True)
    )


def intro_call_changed_email(call_pk, *, by_staff):
    call = IntroCall.objects.select_related("booking_request").get(pk=call_pk)
    context = {**_email_context(call, ClinicProfile.current()), "by_staff": by_staff}
    cancelled = call.status == IntroCall.Status.CANCELLED
    message = EmailMessage(
        from_email=context["profile"].sender,
        subject=f"Intro call with {context['clinic']}: {'cancelled' if cancelled else 'new time'}",
        body=render_to_string(
            "scheduling/email/cancelled.txt" if cancelled else "scheduling/email/moved.txt", context
        ),
        to=[call.booking_request.email],
    )
    attach_calendar(message, call, context["profile"], cancelled=cancelled)
    outbox.queue(message)
    if not by_staff:
        # The front desk hears of a visitor's own change, in words that say nothing of health.
        notice = EmailMessage(
            from_email=context["profile"].sender,
            subject=f"Intro call #{call.pk} {'cancelled' if cancelled else 'moved'} by the visitor",
            body=render_to_string(
                "scheduling/email/changed_front_desk.txt",
                {
                    **context,
                    "cancelled": cancelled,
                    "admin_url": settings.SITE_URL
                    + reverse("admin:scheduling_introcall_change", args=[call.pk]),
                },
            ),
            to=[settings.BOOKING_NOTIFY_EMAIL],
        )
        outbox.queue(notice)


def intro_call_reminders_queue(*, now=None):
    """Queue a reminder for each call starting within the reminder period, each once however many
    runs overlap."""
    now = now or timezone.now()
    policy = SchedulingPolicy.current()
    due = IntroCall.objects.filter(
        status=IntroCall.Status.BOOKED,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + timezone.timedelta(hours=policy.reminder_hours),
    ).values_list("pk", flat=True)
    queued = 0
    profile = ClinicProfile.current()
    for call in IntroCall.objects.filter(pk__in=list(due)).select_related("booking_request"):
        context = _email_context(call, profile)
        message = EmailMessage(
            from_email=context["profile"].sender,
            subject=f"Reminder: intro call with {context['clinic']}",
            body=render_to_string("scheduling/email/reminder.txt", context),
            to=[call.booking_request.email],
        )
        queued += queue_once(message, call, "reminder_sent_at")
    return queued

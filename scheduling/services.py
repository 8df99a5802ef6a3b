"""Booking, moving and cancelling intro calls (the emails they send are in emails.py).

The database has the last word on double booking: a unique constraint on (clinician, start) for
booked calls. Two visitors racing for one time both pass the availability check; one insert wins
and the other gets SlotTaken, which the page turns into "just taken, pick another".
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateformat import format as format_date

from booking.models import BookingRequest
from booking.services import booking_request_create
from operations.retention import CALL_COUNT_DAYS
from public_forms.counters import add_one, count_of

from .emails import intro_call_changed_email, intro_call_emails_queue
from .models import IntroCall
from .slots import free_time_at


class SlotTaken(Exception):
    """The chosen time is no longer free (or never was)."""


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
def intro_call_move(call, starts_at, *, phone="", by_staff=False):
    """Move a booked call to another free time and email the visitor a new invitation. A call
    booked without a phone number (before one was needed) moves only with one, given as `phone`;
    raises ValidationError without."""
    call = IntroCall.objects.select_for_update().get(pk=call.pk)
    if call.status != IntroCall.Status.BOOKED:
        raise SlotTaken
    booking_request = call.booking_request
    if phone:
        booking_request.phone = phone
    # Only what a move changes is checked: a request saved long ago is not failed for other fields.
    booking_request.full_clean(
        exclude=[field.name for field in BookingRequest._meta.fields if field.name != "phone"],
        validate_unique=False,
        validate_constraints=False,
    )
    if phone:
        booking_request.save(update_fields=["phone", "updated_at"])
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
                    # The front desk's "Needs attention" lists a visitor's move until seen.
                    visitor_moved_at=None if by_staff else timezone.now(),
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

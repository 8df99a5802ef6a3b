"""Writing booking requests and telling people about them.

A request and its two emails are saved in one transaction; the emails go out from the queue
(public_forms/outbox.py) outside the request, and are retried until the mail server accepts them:
the visitor has already been told they succeeded, and the front desk sees the request in the admin
either way.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from clinic.models import ClinicProfile
from newsletter.services import subscriber_request
from public_forms.outbox import queue_once

from .models import BookingRequest

DUPLICATE_WINDOW = timedelta(minutes=30)
# The first of the two numbers naming a PostgreSQL advisory lock: this app's locks on addresses.
ADDRESS_LOCKS = 1


@transaction.atomic
def booking_request_create(
    *, first_name, email, phone, preferred_time, has_consented, wants_newsletter, source_path
):
    """Save a request and queue its emails. The same details from the same address within
    half an hour (a double tap, a reload) save nothing new. Different details make a new request
    marked as a repeat of the earlier one: anyone can type any address, so an anonymous post
    never changes what an earlier request says, and the front desk decides which is real."""
    fields = {
        "first_name": first_name,
        "phone": phone,
        "preferred_time": preferred_time,
        "has_consented": has_consented,
        "wants_newsletter": wants_newsletter,
        "source_path": source_path,
    }
    wait_for_other_submissions_from(email)
    recent = BookingRequest.objects.filter(
        email=email, created_at__gte=timezone.now() - DUPLICATE_WINDOW
    ).order_by("created_at")
    if recent.filter(**fields).exists():
        return recent.filter(**fields).first()
    booking = BookingRequest(email=email, repeat_of=recent.first(), **fields)
    booking.full_clean()
    booking.save()
    booking_emails_queue(booking.pk)
    if wants_newsletter:
        subscriber_request(email=email)
    return booking


def wait_for_other_submissions_from(email):
    """Two first submissions from one address at once (a double tap, two tabs) must not both find
    no recent request. SQLite runs write transactions one at a time already; PostgreSQL takes a
    lock on the address itself, held until this transaction ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [ADDRESS_LOCKS, email])


def booking_emails_queue(booking_pk):
    """Queue whichever of the two emails has not been queued yet, each once."""
    booking = BookingRequest.objects.get(pk=booking_pk)
    profile = ClinicProfile.current()
    if booking.notified_at is None:
        notice = EmailMessage(
            from_email=profile.sender,
            subject=f"New intro-call request #{booking.pk}",
            body=render_to_string(
                "booking/email/notify_front_desk.txt",
                {"booking": booking, "admin_url": settings.SITE_URL + booking.get_admin_url()},
            ),
            to=[profile.front_desk_address],
        )
        queue_once(notice, booking, "notified_at")
    if booking.confirmed_at is None:
        confirmation = EmailMessage(
            from_email=profile.sender,
            subject="Your intro call request",
            body=render_to_string(
                "booking/email/confirm_visitor.txt",
                {"booking": booking, "clinic": profile.email_name, "profile": profile},
            ),
            to=[booking.email],
        )
        queue_once(confirmation, booking, "confirmed_at")


def booking_emails_pending():
    """Requests still owed an email. Requests with a booked call get the call's emails instead."""
    unsent = BookingRequest.objects.filter(notified_at__isnull=True) | BookingRequest.objects.filter(
        confirmed_at__isnull=True
    )
    return unsent.filter(intro_calls__isnull=True).distinct()

"""The emails a call sends: the visitor's confirmation, move, cancellation and reminder, and the
front desk's notices, each queued through the outbox."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from booking.models import BookingRequest
from clinic.models import ClinicProfile
from public_forms import outbox
from public_forms.outbox import queue_once

from .calendar import attach_calendar
from .links import manage_url
from .models import IntroCall, SchedulingPolicy
from .zones import visitor_zone, zone_label


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
        "who_calls": call.who_calls(profile),
    }


def intro_call_emails_queue(call_pk):
    """Queue the visitor's confirmation (with the invitation) and the front desk's notice, each
    once."""
    call = IntroCall.objects.select_related("booking_request", "clinician").get(pk=call_pk)
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
            to=[context["profile"].front_desk_address],
        )
        queue_once(message, request, "notified_at")


def intro_call_emails_pending():
    """Calls still booked and to come whose confirmation or front-desk notice has not gone out."""
    return IntroCall.objects.filter(status=IntroCall.Status.BOOKED, starts_at__gt=timezone.now()).filter(
        Q(confirmation_sent_at__isnull=True) | Q(booking_request__notified_at__isnull=True)
    )


def intro_call_changed_email(call_pk, *, by_staff):
    call = IntroCall.objects.select_related("booking_request", "clinician").get(pk=call_pk)
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
            to=[context["profile"].front_desk_address],
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
    for call in IntroCall.objects.filter(pk__in=list(due)).select_related("booking_request", "clinician"):
        context = _email_context(call, profile)
        message = EmailMessage(
            from_email=context["profile"].sender,
            subject=f"Reminder: intro call with {context['clinic']}",
            body=render_to_string("scheduling/email/reminder.txt", context),
            to=[call.booking_request.email],
        )
        queued += queue_once(message, call, "reminder_sent_at")
    return queued

from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.text import Truncator

from staff.csv_export import csv_export_action

from .models import BookingRequest


def local_time(field):
    return lambda row: (
        timezone.localtime(getattr(row, field)).strftime("%Y-%m-%d %H:%M") if getattr(row, field) else ""
    )


def new_requests_today(user, today):
    if not user.has_perm("booking.view_bookingrequest"):
        return []
    count = BookingRequest.objects.filter(status=BookingRequest.Status.NEW, created_at__date=today).count()
    cancelled = BookingRequest.objects.filter(status=BookingRequest.Status.CALL_CANCELLED).count()
    return [
        ("New booking requests today", count, "admin:booking_bookingrequest_changelist", "status__exact=new"),
        # Stays listed until the front desk gives the request another status (contacted, ...).
        (
            "Calls cancelled by the visitor, to follow up",
            cancelled,
            "admin:booking_bookingrequest_changelist",
            "status__exact=call-cancelled",
        ),
    ]


@admin.register(BookingRequest)
class BookingRequestAdmin(admin.ModelAdmin):
    # Fits a 1366-pixel screen beside the filters (admin-lists.css): the address sits under the
    # name and the source page under the date, both wrapped; notes are shortened.
    list_display = ["name", "phone_number", "call_or_best_time", "status", "received", "short_notes"]
    list_filter = [
        "status",
        "preferred_time",
        "wants_newsletter",
        ("repeat_of", admin.EmptyFieldListFilter),
        "created_at",
    ]
    list_editable = ["status"]
    search_fields = ["first_name", "email", "phone", "notes"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "first_name",
        "email",
        "call_or_best_time",
        "has_consented",
        "wants_newsletter",
        "source_path",
        "created_at",
        "repeat",
        "notified_at",
        "confirmed_at",
    ]
    fieldsets = [
        (
            "Request",
            {
                "fields": [
                    "first_name",
                    "email",
                    "phone",
                    "call_or_best_time",
                    "source_path",
                    "created_at",
                    "repeat",
                ]
            },
        ),
        ("Front desk", {"fields": ["status", "notes"]}),
        (
            "Consent and emails",
            {"fields": ["has_consented", "wants_newsletter", "notified_at", "confirmed_at"]},
        ),
    ]
    actions = [
        csv_export_action(
            [
                ("Received", local_time("created_at")),
                ("First name", "first_name"),
                ("Email", "email"),
                ("Phone", "phone"),
                ("Booked call", lambda row: row.call_summary()),
                ("Call page", lambda row: settings.SITE_URL + row.call_admin_url() if row.call else ""),
                ("Best time", lambda row: "" if row.call else row.get_preferred_time_display()),
                ("Status", lambda row: row.get_status_display()),
                ("Source page", "source_path"),
                ("Notes", "notes"),
            ]
        )
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("intro_calls__clinician")

    @admin.display(description="visitor", ordering="first_name")
    def name(self, booking):
        # The row's link opens the request, whose page links the earlier one of a repeat.
        repeat = (
            format_html("<br><small>Repeat of #{}</small>", booking.repeat_of_id)
            if booking.repeat_of_id
            else ""
        )
        return format_html("{}<br><small>{}</small>{}", booking.first_name, booking.email, repeat)

    @admin.display(description="phone", ordering="phone")
    def phone_number(self, booking):
        return booking.phone

    @admin.display(description="call or best time")
    def call_or_best_time(self, booking):
        """The booked call, linked, when there is one: its time is what matters then, not the
        best time to call (which a booking leaves at "Any time")."""
        if booking.call is None:
            return booking.get_preferred_time_display()
        return format_html('<a href="{}">{}</a>', booking.call_admin_url(), booking.call_summary())

    @admin.display(description="received", ordering="created_at")
    def received(self, booking):
        when = format_date(timezone.localtime(booking.created_at), "M j, g:i A")
        if not booking.source_path:
            return when
        return format_html("{}<br><small>from {}</small>", when, booking.source_path)

    @admin.display(description="notes")
    def short_notes(self, booking):
        return Truncator(booking.notes).chars(60)

    @admin.display(description="repeat of", ordering="repeat_of")
    def repeat(self, booking):
        """A second request from one address with other details: the same visitor correcting
        themselves, or someone else using their address. The earlier one is left as it was."""
        if booking.repeat_of_id is None:
            return ""
        url = reverse("admin:booking_bookingrequest_change", args=[booking.repeat_of_id])
        return format_html('<a href="{}">Repeat of #{}</a>', url, booking.repeat_of_id)

    def has_add_permission(self, request):
        return False

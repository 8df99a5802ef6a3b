from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

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
    return [
        ("New booking requests today", count, "admin:booking_bookingrequest_changelist", "status__exact=new")
    ]


@admin.register(BookingRequest)
class BookingRequestAdmin(admin.ModelAdmin):
    list_display = [
        "first_name",
        "email",
        "phone",
        "preferred_time",
        "status",
        "repeat",
        "source_path",
        "created_at",
        "notes",
    ]
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
        "preferred_time",
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
                    "preferred_time",
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
                ("Best time", lambda row: row.get_preferred_time_display()),
                ("Status", lambda row: row.get_status_display()),
                ("Source page", "source_path"),
                ("Notes", "notes"),
            ]
        )
    ]

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

from django.contrib import admin
from django.utils import timezone

from staff.csv_export import csv_export_action

from .models import Subscriber


class ConfirmedFilter(admin.SimpleListFilter):
    title = "confirmed"
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", "Confirmed"), ("no", "Waiting for confirmation")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(confirmed_at__isnull=self.value() == "no")
        return queryset


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "is_confirmed", "created_at", "confirmed_at"]
    list_filter = [ConfirmedFilter]
    search_fields = ["email"]
    readonly_fields = ["email", "created_at", "confirmed_at", "confirmation_sent_at"]
    actions = [
        csv_export_action(
            [
                ("Email", "email"),
                ("Confirmed", lambda row: "yes" if row.is_confirmed else "no"),
                ("Signed up", lambda row: timezone.localdate(row.created_at).isoformat()),
            ]
        )
    ]

    @admin.display(boolean=True, description="confirmed")
    def is_confirmed(self, subscriber):
        return subscriber.is_confirmed

    def has_add_permission(self, request):
        return False

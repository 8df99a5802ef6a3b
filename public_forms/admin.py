from django.contrib import admin, messages
from django.utils import timezone

from .models import QueuedEmail


@admin.register(QueuedEmail)
class QueuedEmailAdmin(admin.ModelAdmin):
    """The queue as staff see it: what failed and why, and a way to try again once the cause
    (a mistyped address, the mail server's settings) is fixed. Emails are never written here."""

    list_display = [
        "created_at",
        "subject",
        "recipients",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
    ]
    list_filter = ["status"]
    fields = [*list_display, "sent_at", "message_id", "from_email", "body"]
    readonly_fields = fields
    actions = ["try_again"]

    @admin.display(description="to")
    def recipients(self, email):
        return ", ".join(email.to)

    def has_add_permission(self, request):
        return False

    @admin.action(description="Try again now", permissions=["change"])
    def try_again(self, request, queryset):
        retried = queryset.exclude(status=QueuedEmail.Status.SENT).update(
            status=QueuedEmail.Status.PENDING, attempts=0, next_attempt_at=timezone.now()
        )
        self.message_user(request, f"{retried} emails will be sent again within a minute.", messages.SUCCESS)

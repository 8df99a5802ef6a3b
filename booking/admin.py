from django.contrib import admin

from .models import BookingRequest


@admin.register(BookingRequest)
class BookingRequestAdmin(admin.ModelAdmin):
    list_display = ["first_name", "email", "phone", "status", "created_at"]
    list_filter = ["status", "created_at"]
    list_editable = ["status"]
    search_fields = ["first_name", "email", "phone"]
    readonly_fields = ["first_name", "email", "phone", "has_consented", "created_at"]
    date_hierarchy = "created_at"

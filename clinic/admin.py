from django.contrib import admin
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import lazy
from markdownx.admin import MarkdownxModelAdmin

from publishing.admin import KeepsUploads, PublishingAdmin, WholeTitles

from .models import ClinicProfile, OpeningHours, Page


def _admin_title():
    return f"{ClinicProfile.current().name} admin"


# Read when an admin page renders, so a new name shows on the next request.
admin_title = lazy(_admin_title, str)()


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0
    verbose_name_plural = "opening hours (a row for each day the clinic opens; two rows for a lunch break)"


@admin.register(ClinicProfile)
class ClinicProfileAdmin(KeepsUploads, WholeTitles, MarkdownxModelAdmin):
    """One profile: the list goes straight to it, and it can be neither added nor deleted."""

    inlines = [OpeningHoursInline]
    # A link typed without a scheme is taken as https, as Django 6 will do by default.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (
            "Name and look",
            {"fields": ["name", "short_name", "logo", "brand_colour", "hero_image", "hero_image_alt"]},
        ),
        (
            "Contact",
            {"fields": ["phone", "email", "street_address", "city", "region", "postal_code", "map_link"]},
        ),
        (
            "Calls and emails",
            {"fields": ["intro_calls_by", "email_name", "front_desk_email", "emergency_number"]},
        ),
        ("Insurance", {"fields": ["insurance", "insurance_plans"]}),
        ("Elsewhere on the web", {"fields": ["other_profiles"]}),
        ("Privacy page", {"fields": ["privacy_before", "privacy_after"]}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        profile = ClinicProfile.current()
        return redirect(reverse("admin:clinic_clinicprofile_change", args=[profile.pk]))


@admin.register(Page)
class PageAdmin(PublishingAdmin, MarkdownxModelAdmin):
    list_display = ["title", "status", "in_header", "in_footer", "navigation_order"]
    list_editable = ["in_header", "in_footer", "navigation_order"]
    list_filter = ["status", "in_header", "in_footer", "is_health_content"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        ("Menus", {"fields": ["in_header", "in_footer", "navigation_order"]}),
        ("Health advice", {"fields": ["is_health_content", "author"]}),
        (
            "Clinical review",
            {
                "fields": ["reviewed_by", "reviewed_on", "next_review_on"],
                "description": "Needed for health advice only. Clinical reviewers sign off with the "
                "“Sign off” action in the list, which fills these in.",
            },
        ),
        ("Publishing", {"fields": ["status", "published_at"]}),
    ]

from django.contrib import admin
from django.template.loader import render_to_string
from django.template.response import TemplateResponse

from staff.csv_export import csv_response

from .models import DailyCount
from .report import PERIODS, csv_rows, page_counts, report


@admin.register(DailyCount)
class InsightsAdmin(admin.ModelAdmin):
    """The Insights page, in the admin's list of apps for whoever may view the counts."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            return super().changelist_view(request, extra_context)  # the admin's own refusal
        days = (
            int(request.GET["days"]) if request.GET.get("days") in {str(period) for period in PERIODS} else 30
        )
        data = report(days)
        if request.GET.get("format") == "csv":
            return csv_response(f"insights-{data['first']}-{data['last']}.csv", csv_rows(data))
        context = {
            **self.admin_site.each_context(request),
            **data,
            "title": "Insights",
            "periods": PERIODS,
            "opts": self.model._meta,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/insights/report.html", context)


def page_counts_panel(request, page):
    """A content item's edit page shows its own views and booking requests for the last 30 days."""
    if not request.user.has_perm("insights.view_dailycount"):
        return ""
    return render_to_string(
        "admin/insights/page_counts.html", {"page_counts": page_counts(page.get_absolute_url())}, request
    )

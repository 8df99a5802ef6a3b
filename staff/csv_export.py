"""CSV export for admin lists, safe to open in a spreadsheet.

Visitors type these values. A cell starting with =, +, - or @ would run as a formula in Excel or
LibreOffice, so such cells are prefixed with an apostrophe, which spreadsheets show as text.
"""

import csv

from django.http import HttpResponse
from django.utils import timezone

from publishing.admin import log_action

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_export_action(fields, *, description="Export selected as CSV"):
    """An admin action writing the chosen rows; `fields` are (heading, attribute or callable) pairs."""

    def export(modeladmin, request, queryset):
        # Exports hold visitors' contact details: record who took which rows.
        for row in queryset:
            log_action(request, row, "Exported to CSV")
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        name = f"{modeladmin.model._meta.model_name}-{stamp}.csv"
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        writer = csv.writer(response)
        writer.writerow([heading for heading, _ in fields])
        for row in queryset:
            values = [get(row) if callable(get) else getattr(row, get) for _, get in fields]
            writer.writerow([spreadsheet_safe(value) for value in values])
        return response

    export.short_description = description
    export.allowed_permissions = ("view",)
    return export

"""Every CSV the site writes, safe to open in a spreadsheet: admin list exports and the Insights
page's figures both go through `csv_response`.

Visitors type these values (names, referrers, campaign tags). A cell starting with =, +, - or @
would run as a formula in Excel or LibreOffice, so such cells are prefixed with an apostrophe,
which spreadsheets show as text.
"""

import csv

from django.http import HttpResponse
from django.utils import timezone

from publishing.admin import log_action

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(filename, rows):
    """An attachment named `filename` holding `rows`, each cell spreadsheet-safe."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    csv.writer(response).writerows([spreadsheet_safe(value) for value in row] for row in rows)
    return response


def csv_export_action(fields, *, description="Export selected as CSV"):
    """An admin action writing the chosen rows; `fields` are (heading, attribute or callable) pairs."""

    def export(modeladmin, request, queryset):
        # Exports hold visitors' contact details: record who took which rows.
        for row in queryset:
            log_action(request, row, "Exported to CSV")
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        rows = ([get(row) if callable(get) else getattr(row, get) for _, get in fields] for row in queryset)
        return csv_response(
            f"{modeladmin.model._meta.model_name}-{stamp}.csv", [[heading for heading, _ in fields], *rows]
        )

    export.short_description = description
    export.allowed_permissions = ("view",)
    return export

"""The export as an admin action on the content lists: the chosen items, with the clinicians,
topics and lists they name, as the same zip `export_content` writes."""

from io import BytesIO

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone

from .documents import KINDS
from .export import export_library

CHOSEN_KINDS = ("article", "exercise", "self-check", "page")


@admin.action(description="Export the selected items (zip of markdown files)", permissions=["view"])
def export_selected(modeladmin, request, queryset):
    selection = {kind.name: kind.model.objects.none() for kind in KINDS if kind.name in CHOSEN_KINDS}
    kind = next(kind for kind in KINDS if kind.model is queryset.model)
    selection[kind.name] = queryset
    archive = BytesIO()
    export_library(archive, selection)
    response = HttpResponse(archive.getvalue(), content_type="application/zip")
    filename = f"{kind.folder}-{timezone.localdate().isoformat()}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


# This app comes after the content apps, so their lists are registered by the time it adds its action.
for kind in KINDS:
    if kind.name in CHOSEN_KINDS:
        model_admin = admin.site.get_model_admin(kind.model)
        model_admin.actions = [*(model_admin.actions or []), export_selected]

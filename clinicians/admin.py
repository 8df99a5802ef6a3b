from django.contrib import admin

from publishing.admin import KeepsUploads, WholeTitles

from .models import Clinician


@admin.register(Clinician)
class ClinicianAdmin(KeepsUploads, WholeTitles, admin.ModelAdmin):
    list_display = ["name", "credentials", "location", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["name", "credentials"]
    prepopulated_fields = {"slug": ["name"]}

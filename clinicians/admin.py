from django.contrib import admin

from .models import Clinician


@admin.register(Clinician)
class ClinicianAdmin(admin.ModelAdmin):
    list_display = ["name", "credentials", "location", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["name", "credentials"]
    prepopulated_fields = {"slug": ["name"]}

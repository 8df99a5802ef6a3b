from django.contrib import admin

from .models import Exercise, Step


class StepInline(admin.StackedInline):
    model = Step
    extra = 0
    fields = ["position", "instruction", "tip"]


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status", "is_featured", "published_at"]
    list_filter = ["status", "kind", "is_featured"]
    search_fields = ["name", "summary", "purpose"]  # also serves the article form's exercise picker
    prepopulated_fields = {"slug": ["name"]}
    inlines = [StepInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "summary", "is_featured", "author"]}),
        ("How to do it", {"fields": ["purpose", "starting_position", "where_you_feel_it"]}),
        ("Publishing", {"fields": ["status", "published_at"]}),
    ]

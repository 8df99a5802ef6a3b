from django.contrib import admin

from .models import BodyRegion, Equipment, Exercise, Step


class StepInline(admin.StackedInline):
    model = Step
    extra = 0
    ordering = ["position"]
    fields = ["position", "instruction", "tip", "hold_seconds", ("image", "image_alt")]


@admin.register(BodyRegion, Equipment)
class NamedTagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "difficulty", "status", "is_featured", "published_at", "next_review_on"]
    list_filter = ["status", "kind", "body_regions", "equipment", "difficulty", "is_featured"]
    search_fields = ["name", "summary", "purpose"]  # also serves the article form's exercise picker
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["body_regions", "equipment"]
    autocomplete_fields = ["easier_variant", "harder_variant"]
    inlines = [StepInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "difficulty", "summary", "is_featured", "author"]}),
        (
            "How to do it",
            {
                "fields": [
                    "purpose",
                    "starting_position",
                    "where_you_feel_it",
                    "stop_if",
                    "body_regions",
                    "equipment",
                ]
            },
        ),
        (
            "How much",
            {
                "description": "Shown in plain words, e.g. “Hold 30 seconds. Do 3 on each side, twice a day.”",
                "fields": [
                    ("hold_seconds", "repetitions", "sets", "rest_seconds"),
                    "is_each_side",
                    ("frequency", "frequency_period"),
                ],
            },
        ),
        ("Other versions", {"fields": ["easier_variant", "harder_variant"]}),
        ("Clinical review", {"fields": ["reviewed_by", "reviewed_on", "next_review_on"]}),
        ("Publishing", {"fields": ["status", "published_at"]}),
    ]

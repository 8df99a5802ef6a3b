from django.contrib import admin

from publishing.admin import KeepsUploads, PublishingAdmin, log_action

from .models import BodyRegion, Equipment, Exercise, Step


class StepInline(KeepsUploads, admin.StackedInline):
    model = Step
    ordering = ["position"]
    # Most steps have no clip of their own: its four fields stay folded until opened (or in error).
    fieldsets = [
        (None, {"fields": ["position", "instruction", "tip", "hold_seconds", ("image", "image_alt")]}),
        (
            "Video clip for this step (optional)",
            {
                "classes": ["collapse"],
                "fields": [("video", "video_poster"), ("video_captions", "video_without_speech")],
            },
        ),
    ]

    def get_extra(self, request, obj=None, **kwargs):
        """A new exercise starts with one empty step; an existing one adds steps on request."""
        return 1 if obj is None else 0


@admin.register(BodyRegion, Equipment)
class NamedTagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Exercise)
class ExerciseAdmin(PublishingAdmin):
    list_display = ["name", "kind", "difficulty", "status", "is_featured", "published_at"]
    list_filter = ["status", "kind", "body_regions", "equipment", "difficulty", "is_featured"]
    search_fields = ["name", "summary", "purpose"]  # also serves the article form's exercise picker
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["body_regions", "equipment"]
    autocomplete_fields = ["easier_variant", "harder_variant"]
    inlines = [StepInline]
    actions = [*PublishingAdmin.actions, "duplicate"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "difficulty", "summary", "is_featured", "author"]}),
        (
            "How to do it",
            {
                "fields": [
                    "purpose",
                    "starting_position",
                    "starting_image",
                    "starting_image_alt",
                    "where_you_feel_it",
                    "stop_if",
                    "body_regions",
                    "equipment",
                ]
            },
        ),
        (
            "Video of the whole exercise (optional)",
            {
                "classes": ["collapse"],
                "description": "Optional. A short clip of the whole exercise; steps can carry clips of their own.",
                "fields": ["video", "video_poster", "video_captions", "video_without_speech"],
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
        (
            "Easier and harder versions (optional)",
            {"classes": ["collapse"], "fields": ["easier_variant", "harder_variant"]},
        ),
        ("Clinical review", {"fields": ["reviewed_by", "reviewed_on", "next_review_on"]}),
        ("Publishing", {"fields": ["status", "published_at"]}),
    ]

    @admin.action(description="Duplicate the selected exercises as drafts", permissions=["add"])
    def duplicate(self, request, queryset):
        for exercise in queryset.prefetch_related("steps", "body_regions", "equipment"):
            copy = exercise_duplicate(exercise)
            log_action(request, copy, f"Duplicated from “{exercise.name}”")
        self.message_user(request, "Duplicated as drafts; their names end in “(copy)”.")


def exercise_duplicate(exercise):
    """A draft copy with its steps, regions and equipment, under a free slug; never reviewed."""
    steps, regions, equipment = (
        list(exercise.steps.all()),
        list(exercise.body_regions.all()),
        list(exercise.equipment.all()),
    )
    slug, number = f"{exercise.slug}-copy", 2
    while Exercise.objects.filter(slug=slug).exists():
        slug, number = f"{exercise.slug}-copy-{number}", number + 1
    exercise.pk = exercise.id = None
    exercise._state.adding = True
    exercise._prefetched_objects_cache = {}  # the copy's relations start empty, not as the original's
    exercise.name, exercise.slug, exercise.status = (
        f"{exercise.name} (copy)"[:120],
        slug[:120],
        Exercise.Status.DRAFT,
    )
    exercise.reviewed_by, exercise.reviewed_on, exercise.next_review_on, exercise.reviewed_content_hash = (
        None,
        None,
        None,
        "",
    )
    exercise.is_featured = False
    exercise.save()
    exercise.body_regions.set(regions)
    exercise.equipment.set(equipment)
    for step in steps:
        step.pk = step.id = None
        step._state.adding = True
        step.exercise = exercise
        step.save()
    exercise.refresh_content_hash()
    return exercise

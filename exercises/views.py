from django.http import JsonResponse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.views.generic import DetailView, ListView, TemplateView

from publishing.views import StaffPreviewMixin

from .forms import ExerciseFilterForm
from .models import Exercise

MAX_ROUTINE_LENGTH = 20


class ExerciseListView(ListView):
    paginate_by = 20
    extra_context = {"nav_section": "exercises"}

    def get_queryset(self):
        self.filters = ExerciseFilterForm(self.request.GET)
        # Built per request: published() compares with the current time.
        return self.filters.filter(Exercise.objects.published()).prefetch_related("equipment")

    def get_context_data(self, **kwargs):
        chosen = {name: self.request.GET[name] for name in self.filters.fields if self.request.GET.get(name)}
        return super().get_context_data(
            filters=self.filters,
            is_filtered=bool(chosen),
            page_query=urlencode(chosen) + "&" if chosen else "",
            **kwargs,
        )


class ExerciseDetailView(StaffPreviewMixin, DetailView):
    queryset = Exercise.objects.select_related(
        "author", "reviewed_by", "easier_variant", "harder_variant"
    ).prefetch_related("steps", "body_regions", "equipment")
    extra_context = {"nav_section": "exercises"}

    def get_object(self, queryset=None):
        exercise = super().get_object(queryset)
        # Articles name the exercises they feature; the reverse relation reads them without
        # this app importing articles, which sits above it.
        exercise.featuring_articles = list(exercise.featured_in_articles.published().cards())
        return exercise

    def get_context_data(self, **kwargs):
        exercise = self.object
        variants = [
            (label, variant)
            for label, variant in (("Easier", exercise.easier_variant), ("Harder", exercise.harder_variant))
            if variant is not None and variant.is_public
        ]
        return super().get_context_data(
            guide=exercise.guide(), variants=variants, structured_data=exercise.structured_data(), **kwargs
        )


def published_with_steps():
    # Questionnaires are not followed step by step, so they are never part of a routine.
    return Exercise.objects.published().exclude(kind=Exercise.Kind.SELF_CHECK).prefetch_related("steps")


class RoutineView(TemplateView):
    """A patient's routine. Their own lives in their browser and is drawn by JavaScript from the
    catalogue; a link from a clinician lists the exercises in `?e=slug,slug`, which the server
    renders so it works without JavaScript too."""

    template_name = "exercises/routine.html"
    extra_context = {"nav_section": "exercises"}

    def get_context_data(self, **kwargs):
        slugs = [slugify(slug) for slug in self.request.GET.get("e", "").split(",") if slug.strip()]
        slugs = list(dict.fromkeys(slugs))[:MAX_ROUTINE_LENGTH]
        by_slug = {exercise.slug: exercise for exercise in published_with_steps().filter(slug__in=slugs)}
        shared = [by_slug[slug] for slug in slugs if slug in by_slug]
        return super().get_context_data(
            shared_routine=shared,
            shared_guides=[exercise.guide() for exercise in shared],
            missing_count=len(slugs) - len(shared),
            is_shared=bool(slugs),
            **kwargs,
        )


def catalog(request):
    """Every published exercise's guide, for routines kept in the browser. Fetching the whole
    catalogue tells the server nothing about which exercises a patient has chosen."""
    return JsonResponse({"exercises": [exercise.guide() for exercise in published_with_steps()]})

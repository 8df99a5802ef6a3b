from django.views.generic import DetailView, ListView

from hipcare.publishing import StaffPreviewMixin

from .models import Exercise


class ExerciseListView(ListView):
    extra_context = {"nav_section": "exercises"}

    def get_queryset(self):
        # Built per request: published() compares with the current time.
        return Exercise.objects.published()


class ExerciseDetailView(StaffPreviewMixin, DetailView):
    queryset = Exercise.objects.select_related("author").prefetch_related("steps")
    extra_context = {"nav_section": "exercises"}

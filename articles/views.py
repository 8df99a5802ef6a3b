from django.views.generic import DetailView, ListView

from hipcare.publishing import StaffPreviewMixin

from .models import Article


class ArticleListView(ListView):
    paginate_by = 12
    extra_context = {"nav_section": "articles"}

    def get_queryset(self):
        # Built per request: published() compares with the current time.
        return Article.objects.published().select_related("author")


class ArticleDetailView(StaffPreviewMixin, DetailView):
    queryset = Article.objects.select_related("author")
    extra_context = {"nav_section": "articles"}

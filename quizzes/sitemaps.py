from django.contrib.sitemaps import Sitemap

from .models import Quiz


class QuizSitemap(Sitemap):
    def items(self):
        # As for articles: a self-check awaiting its first clinical sign-off says noindex.
        return Quiz.objects.published().filter(reviewed_on__isnull=False)

    def lastmod(self, quiz):
        return quiz.updated_at

from django.contrib.sitemaps import Sitemap

from .models import Exercise


class ExerciseSitemap(Sitemap):
    limit = 1000

    def items(self):
        # Its address and date only, as for articles.
        return Exercise.objects.published().filter(reviewed_on__isnull=False).only("slug", "updated_at")

    def lastmod(self, exercise):
        return exercise.updated_at

    def get_latest_lastmod(self):
        # As for articles: no date in the sitemap index, which would mean reading every exercise.
        return None

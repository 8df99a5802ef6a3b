from django.contrib.sitemaps import Sitemap

from .models import Exercise


class ExerciseSitemap(Sitemap):
    limit = 1000

    def items(self):
        return Exercise.objects.published()

    def lastmod(self, exercise):
        return exercise.updated_at

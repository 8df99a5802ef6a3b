from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from .models import Exercise


class ExerciseSitemap(Sitemap):
    limit = 1000

    def items(self):
        return Exercise.objects.published()

    def lastmod(self, exercise):
        return exercise.updated_at

    def get_latest_lastmod(self):
        return Exercise.objects.published().aggregate(latest=Max("updated_at"))["latest"]

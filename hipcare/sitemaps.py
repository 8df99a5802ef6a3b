from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.sitemaps import ArticleSitemap, TopicSitemap
from exercises.sitemaps import ExerciseSitemap


class SectionSitemap(Sitemap):
    def items(self):
        return ["home", "articles:list", "exercises:list", "booking:request"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "sections": SectionSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "exercises": ExerciseSitemap,
}

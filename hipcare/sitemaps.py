from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.sitemaps import ArticleSitemap, TopicSitemap
from clinic.sitemaps import PageSitemap
from clinicians.sitemaps import ClinicianSitemap
from exercises.sitemaps import ExerciseSitemap
from quizzes.sitemaps import QuizSitemap


class SectionSitemap(Sitemap):
    def items(self):
        return [
            "home",
            "articles:list",
            "articles:topics",
            "exercises:list",
            "quizzes:list",
            "clinicians:team",
            "booking:request",
            "privacy",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "sections": SectionSitemap,
    "articles": ArticleSitemap,
    "topics": TopicSitemap,
    "exercises": ExerciseSitemap,
    "self-checks": QuizSitemap,
    "team": ClinicianSitemap,
    "pages": PageSitemap,
}

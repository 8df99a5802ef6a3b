from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef

from .models import Article, Topic


class ArticleSitemap(Sitemap):
    limit = 1000

    def items(self):
        return Article.objects.published()

    def lastmod(self, article):
        return article.modified_on

    def get_latest_lastmod(self):
        # One query instead of reading every article for the sitemap index.
        latest = Article.objects.published().aggregate(edited=Max("updated_at"), reviewed=Max("reviewed_on"))
        edited = latest["edited"].date() if latest["edited"] else None
        return max(filter(None, [edited, latest["reviewed"]]), default=None)


class TopicSitemap(Sitemap):
    def items(self):
        return Topic.objects.filter(Exists(Article.objects.published().filter(topics=OuterRef("pk"))))

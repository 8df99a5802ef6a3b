from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef

from .models import Article, Topic


class ArticleSitemap(Sitemap):
    limit = 1000

    def items(self):
        return Article.objects.published()

    def lastmod(self, article):
        return article.modified_on


class TopicSitemap(Sitemap):
    def items(self):
        return Topic.objects.filter(Exists(Article.objects.published().filter(topics=OuterRef("pk"))))

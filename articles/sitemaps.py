from django.contrib.sitemaps import Sitemap

from .models import Article, Topic


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.published()

    def lastmod(self, article):
        return article.modified_on


class TopicSitemap(Sitemap):
    def items(self):
        return Topic.objects.filter(articles__in=Article.objects.published()).distinct()

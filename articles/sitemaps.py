from django.contrib.sitemaps import Sitemap

from .models import Article, Topic


class ArticleSitemap(Sitemap):
    limit = 1000

    def items(self):
        # An article awaiting its first clinical sign-off says noindex, so it is left out here.
        # Its address and date only: each field loaded costs time on every one of up to `limit` items.
        return (
            Article.objects.published()
            .filter(reviewed_on__isnull=False)
            .only("slug", "updated_at", "reviewed_on")
        )

    def lastmod(self, article):
        return article.modified_on

    def get_latest_lastmod(self):
        # The sitemap index goes without a date for this section (the section itself dates every
        # page): the latest of them is a read of every published article.
        return None


class TopicSitemap(Sitemap):
    def items(self):
        return Topic.objects.with_published_articles()

from django.contrib.sitemaps import Sitemap
from django.db.models import Q

from .models import Page


class PageSitemap(Sitemap):
    def items(self):
        # Health advice stays out of search engines until a clinician has signed it off.
        return Page.objects.published().filter(Q(is_health_content=False) | Q(reviewed_on__isnull=False))

    def lastmod(self, page):
        return page.updated_at

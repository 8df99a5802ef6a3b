from django.contrib.sitemaps import Sitemap

from .models import Clinician


class ClinicianSitemap(Sitemap):
    def items(self):
        return Clinician.objects.filter(is_published=True)

    def lastmod(self, clinician):
        return clinician.updated_at

from django.contrib.sitemaps import Sitemap

from .models import Clinician


class ClinicianSitemap(Sitemap):
    def items(self):
        return Clinician.objects.all()

    def lastmod(self, clinician):
        return clinician.updated_at

from urllib.parse import urlsplit

from django.apps import AppConfig, apps
from django.conf import settings
from django.db.models.signals import post_migrate


def site_follows_site_url(**kwargs):
    """The redirects app needs the sites framework, and with it installed sitemaps and feeds name
    the stored site's domain instead of the request's: keep it the one SITE_URL names."""
    from django.contrib.sites.models import Site

    domain = urlsplit(settings.SITE_URL).netloc
    Site.objects.update_or_create(pk=settings.SITE_ID, defaults={"domain": domain, "name": domain})
    Site.objects.clear_cache()


class TransferConfig(AppConfig):
    """Content moving out of the site (a zip of markdown files) and in (that zip, a Webflow CMS
    export, or a folder of markdown files), and the old addresses that redirect to it."""

    name = "transfer"
    verbose_name = "Content export and import"

    def ready(self):
        # After the sites app has made its default site (this app has no models of its own, so no
        # signal of its own).
        post_migrate.connect(site_follows_site_url, sender=apps.get_app_config("sites"))

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.http.request import split_domain_port, validate_host


@register(Tags.security, deploy=True)
def site_url_is_an_allowed_host(app_configs, **kwargs):
    """Public pages are built for SITE_URL's host, whatever a client sends; a host the site does
    not answer to would make every one of them fail."""
    host, _ = split_domain_port(urlsplit(settings.SITE_URL).netloc)
    if validate_host(host, settings.ALLOWED_HOSTS):
        return []
    return [
        Error(
            f"SITE_URL ({settings.SITE_URL}) names a host that DJANGO_ALLOWED_HOSTS does not list.",
            hint="Add that host to DJANGO_ALLOWED_HOSTS, or correct SITE_URL.",
            id="operations.E001",
        )
    ]


@register(Tags.security, deploy=True)
def emails_have_a_real_sender(app_configs, **kwargs):
    if "@localhost" not in settings.DEFAULT_FROM_EMAIL:
        return []
    return [
        Warning(
            f"Emails would come from {settings.DEFAULT_FROM_EMAIL}, which visitors' mail providers reject or file as spam.",
            hint="Set CLINIC_EMAIL (or DEFAULT_FROM_EMAIL) to an address of the clinic's own domain.",
            id="operations.W001",
        )
    ]

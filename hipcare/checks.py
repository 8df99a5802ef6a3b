from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError
from django.http.request import split_domain_port, validate_host

from hipcare.demo import DEMO_PASSWORD, DEMO_USERNAME


@register(Tags.security, deploy=True)
def no_demo_login(app_configs, **kwargs):
    """The demo login's password is published in the README: with DEBUG off it must not open the
    admin. `check --deploy` fails while it does, and `make serve` runs that check before serving."""
    if settings.DEBUG:
        return []
    try:
        demo = get_user_model().objects.filter(username=DEMO_USERNAME, is_active=True).first()
    except DatabaseError:
        return []  # not migrated yet: nobody can sign in either
    if demo is None or not demo.check_password(DEMO_PASSWORD):
        return []
    return [
        Error(
            f"The demo login “{DEMO_USERNAME}” exists with its published password.",
            hint="Remove it with `python manage.py load_demo --remove-login` (or change its password).",
            id="hipcare.E001",
        )
    ]


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
            id="hipcare.E002",
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
            id="hipcare.W001",
        )
    ]

"""Addresses of pages named by a slug, as reverse() gives them, without its cost per link.

reverse() checks every address it builds against the URL pattern, about 30 µs a call. A list of
fifty topics or a sitemap of thousands of articles pays that per link. The address of a slug
page is the same text around a different slug, so it is reversed once per URL setup and the slug
dropped in. Slugs hold only letters, digits, hyphens and underscores, which need no quoting.
"""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

PLACEHOLDER = "slug-placeholder"


def slug_url(viewname, slug):
    before, after = _around_slug(viewname, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    return f"{before}{slug}{after}"


@lru_cache(maxsize=64)
def _around_slug(viewname, urlconf, script_prefix):
    # urlconf and script_prefix are part of the key only: reverse() reads them itself.
    before, _, after = reverse(viewname, kwargs={"slug": PLACEHOLDER}).partition(PLACEHOLDER)
    return before, after


@receiver(setting_changed)
def forget_addresses(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _around_slug.cache_clear()

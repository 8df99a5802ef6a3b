"""The clinic's profile and menu pages, read once per content change in each process, since every
page shows them."""

import time

from django.db import DatabaseError
from django.db.models import prefetch_related_objects

from publishing.caching import PAGE_SECONDS, request_generation

from .models import ClinicProfile, Page

# Like the sites framework's SITE_CACHE, kept in each process; but under the content generation,
# which every request reads from the database, so an edit shows on every server at once. Kept no
# longer than a cached page, in case the generation ever goes back (a restored backup).
_details_by_generation = {}


def clinic_details(request):
    """The profile (with its hours) and the menu pages, as every page of this request shows them:
    read from the database once per content change."""
    if not hasattr(request, "clinic_details"):
        try:
            key = (request_generation(request), int(time.monotonic() // PAGE_SECONDS))
            details = _details_by_generation.get(key)
            if details is None:
                profile = ClinicProfile.current()
                prefetch_related_objects([profile], "opening_hours")  # every page's footer shows them
                details = (profile, list(Page.objects.in_navigation()))
                _details_by_generation.clear()
                _details_by_generation[key] = details
            request.clinic_details = details
        except DatabaseError:
            # A page explaining that the database is down must still render.
            request.clinic_details = (ClinicProfile.from_settings(), [])
    return request.clinic_details

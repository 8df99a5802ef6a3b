from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .details import clinic_details


def clinic(request):
    """The clinic's profile and menu pages, read only by templates that show them."""
    return {
        "clinic": SimpleLazyObject(lambda: clinic_details(request)[0]),
        "header_pages": SimpleLazyObject(
            lambda: [page for page in clinic_details(request)[1] if page.in_header]
        ),
        "footer_pages": SimpleLazyObject(
            lambda: [page for page in clinic_details(request)[1] if page.in_footer]
        ),
        "site_url": settings.SITE_URL,
    }

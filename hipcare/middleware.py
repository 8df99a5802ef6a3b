"""Response headers that limit what a page may do, beyond Django's own security middleware."""

import logging

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string

from clinic.models import ClinicProfile

logger = logging.getLogger(__name__)

# The staff tools run Django admin and the markdown editor, which need inline scripts and styles;
# patient-facing pages never do.
STAFF_PREFIXES = ("/admin/", "/staff/")
STAFF_ALLOWANCES = {"script-src": ["'self'", "'unsafe-inline'"], "style-src": ["'self'", "'unsafe-inline'"]}

# Browser features no page here uses. The screen wake lock (guided exercises) is left unnamed:
# its default, this site's own pages only, is what they need.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(STAFF_PREFIXES) and not report_only:
            parts.update = {**(parts.update or {}), **STAFF_ALLOWANCES}
        return parts


def health_for_any_host(get_response):
    """Load balancers probe each server by its own address and often over plain HTTP: /health/ is
    answered before the host check and the HTTPS redirect, which would turn every probe away. It
    says only "ok" or what is down, whatever the host. This is the health URL's only route."""
    from .views import health

    def middleware(request):
        if request.path_info == "/health/":
            return health(request)
        return get_response(request)

    return middleware


def permissions_policy(get_response):
    def middleware(request):
        response = get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware


def database_unavailable(get_response):
    """A database that is down or locked gets a calm "try again shortly" page (503), not an error
    page; service resumes by itself, since every request tries the database afresh."""

    def middleware(request):
        return get_response(request)

    def process_exception(request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable for %s: %s", request.path, exception)
        page = render_to_string("503.html", {"clinic": ClinicProfile.from_settings()})
        response = HttpResponse(page, status=503)
        response["Retry-After"] = "30"
        return response

    middleware.process_exception = process_exception
    return middleware


def request_size_limit(get_response):
    """Refuses a request body larger than its path allows (413) before anything reads it, so a
    huge post cannot fill the disk or a worker's memory while gunicorn alone stands in front.
    Staff uploads (images in the admin and the editor) may be larger than public forms."""

    def middleware(request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponseBadRequest(
                "The request said its own length wrongly.", content_type="text/plain"
            )
        staff_upload = request.path_info.startswith(settings.STAFF_UPLOAD_PATHS)
        limit = settings.STAFF_UPLOAD_BODY_LIMIT if staff_upload else settings.PUBLIC_BODY_LIMIT
        if length > limit:
            response = HttpResponse(
                render_to_string("413.html", {"clinic": ClinicProfile.current_or_defaults()}), status=413
            )
            # The unread body cannot be skipped over on a kept-alive connection.
            response["Connection"] = "close"
            return response
        return get_response(request)

    return middleware

"""Response headers that limit what a page may do, beyond Django's own security middleware."""

from csp.middleware import CSPMiddleware

# The staff tools run Django admin and the markdown editor, which need inline scripts and styles;
# patient-facing pages never do.
STAFF_PREFIXES = ("/admin/", "/staff/")
STAFF_ALLOWANCES = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]}

# Browser features no page here uses; the screen wake lock (guided exercises) stays allowed.
PERMISSIONS_POLICY = (
    ", ".join(
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
    + ", screen-wake-lock=(self)"
)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(STAFF_PREFIXES) and not report_only:
            parts.update = {**(parts.update or {}), **STAFF_ALLOWANCES}
        return parts


def permissions_policy(get_response):
    def middleware(request):
        response = get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware

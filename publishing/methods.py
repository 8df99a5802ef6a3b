"""Which HTTP methods each page answers. A method a page does not answer gets 405 with an `Allow`
header, before anything else looks at the request: CSRF checks would otherwise answer 403 to a
PUT, and function views (the feed, the sitemaps, the health check) would answer any method.

Django's `require_http_methods` and class-based views' `dispatch` answer 405 only once the view
runs, after the CSRF check, and a decorated function does not say which methods it takes; so the
middleware below reads the list `allow` records and answers first."""

from django.http import HttpResponseNotAllowed
from django.views.decorators.http import require_http_methods


def allow(*methods):
    """Django's `require_http_methods` (HEAD goes with GET), with the list kept for the middleware."""
    allowed = sorted({*methods, *(["HEAD"] if "GET" in methods else [])})

    def decorator(view):
        guarded = require_http_methods(allowed)(view)
        guarded.allowed_methods = allowed
        return guarded

    return decorator


def allowed_methods(view):
    """The methods `view` answers, or None when it does not say."""
    if hasattr(view, "allowed_methods"):
        return view.allowed_methods
    view_class = getattr(view, "view_class", None)
    if view_class is None:
        return None
    handled = {name.upper() for name in view_class.http_method_names if hasattr(view_class, name)}
    return sorted(handled | ({"HEAD"} if "GET" in handled else set()))


class MethodNotAllowedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, view_args, view_kwargs):
        allowed = allowed_methods(view)
        if allowed is not None and request.method not in allowed:
            return HttpResponseNotAllowed(allowed)
        return None

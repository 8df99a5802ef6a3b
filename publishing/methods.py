"""Which HTTP methods each page answers. A method a page does not answer gets 405 with an `Allow`
header, before anything else looks at the request: CSRF checks would otherwise answer 403 to a
PUT, and function views (the feed, the sitemaps, the health check) would answer any method."""

from functools import wraps

from django.http import HttpResponseNotAllowed


def allow(*methods):
    """Marks a function view as answering only `methods` (HEAD goes with GET), and holds it to that."""
    allowed = sorted({*methods, *(["HEAD"] if "GET" in methods else [])})

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in allowed:
                return HttpResponseNotAllowed(allowed)
            return view(request, *args, **kwargs)

        wrapper.allowed_methods = allowed
        return wrapper

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

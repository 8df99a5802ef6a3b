import hashlib

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.views.generic import DetailView, TemplateView

from operations.retention import stated_periods
from publishing.methods import allow
from publishing.views import StaffPreviewMixin

from .artwork import draw_share_image, share_image_title
from .colours import dark_shades, shades, validate_brand_colour
from .models import ClinicProfile, Page

A_YEAR = 365 * 24 * 3600


class PageView(StaffPreviewMixin, DetailView):
    model = Page
    context_object_name = "page"
    template_name = "clinic/page.html"

    def get_queryset(self):
        return super().get_queryset().select_related("author", "reviewed_by")

    def get_context_data(self, **kwargs):
        # A page in the header menu is its own section there: the menu marks the link to it.
        return super().get_context_data(nav_section=self.object.get_absolute_url(), **kwargs)


class PrivacyView(TemplateView):
    """The privacy page: the clinic's own words around sections the site writes from its settings,
    so what it says about retention and tracking stays true when they change."""

    template_name = "clinic/privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            insights_enabled=settings.INSIGHTS_ENABLED,
            **stated_periods(),
            **kwargs,
        )


@allow("GET")
def brand_stylesheet(request, colour):
    """The clinic's colours as CSS variables. The colour is in the address, so the file never
    changes and browsers keep it for a year."""
    colour = f"#{colour.lower()}"
    try:
        validate_brand_colour(colour)
    except ValidationError as error:
        raise Http404("Not a colour the site uses") from error
    light, dark = shades(colour), dark_shades(colour)
    css = (
        f":root{{--color-brand:{light['brand']};--color-brand-dark:{light['brand_dark']};"
        f"--color-accent-bg:{light['accent_bg']}}}\n"
        f"@media (prefers-color-scheme:dark){{:root{{--color-brand:{dark['brand']};"
        f"--color-brand-dark:{dark['brand_dark']};--color-accent-bg:{dark['accent_bg']}}}}}\n"
    )
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={A_YEAR}, immutable"
    return response


@allow("GET")
def share_image(request, token):
    """The share image for a page without a picture of its own, drawn once per title, colour and
    logo and kept in storage after that."""
    try:
        title = share_image_title(token)
    except signing.BadSignature as error:
        raise Http404("No such image") from error
    profile = ClinicProfile.current()
    fingerprint = "\n".join([title, profile.name, profile.brand_colour, profile.logo.name or ""])
    name = f"share/{hashlib.sha256(fingerprint.encode()).hexdigest()[:24]}.png"
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            png = stored.read()
    else:
        png = draw_share_image(title, profile.name, profile.brand_colour, profile.logo or None)
        default_storage.save(name, ContentFile(png))
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from booking.forms import source_token

register = template.Library()


@register.simple_tag(takes_context=True)
def booking_url(context, source=""):
    """The booking page's address, carrying the current page (or `source`, such as the page of the
    clinician a patient asked for) as a signed source."""
    url = reverse("booking:request")
    request = context.get("request")
    if request is None or request.path.startswith(url):
        return url
    return f"{url}?{urlencode({'from': source_token(source or request.path)})}"

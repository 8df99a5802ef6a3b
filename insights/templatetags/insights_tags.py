from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html

from publishing.events import VIEW_EVENTS

from ..beacon import counts, token_for

register = template.Library()


@register.simple_tag(takes_context=True)
def view_beacon(context):
    """The one-pixel image that counts a view of this page (nothing on pages that do not count).
    Hidden images still load; the script adds the referring site, which only the page knows."""
    request = context.get("request")
    if not settings.INSIGHTS_ENABLED or request is None or not counts(request, context.template.name):
        return ""
    token = token_for(request.path, context.get(VIEW_EVENTS, ()))
    return format_html(
        '<img src="{}?v={}" alt="" width="1" height="1" hidden data-view-beacon>'
        '<script src="{}" defer></script>',
        reverse("view_beacon"),
        token,
        static("js/seen.js"),
    )

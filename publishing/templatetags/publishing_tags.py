import json

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

register = template.Library()

# Characters that could close or confuse a <script> block, as Django's json_script escapes them.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """Structured data for search engines, escaped so no value can break out of the script block."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


@register.simple_tag(takes_context=True)
def breadcrumbs_json_ld(context, *trail):
    """A schema.org BreadcrumbList from the home page down to this one: `trail` alternates names
    and paths of the pages above ("Articles", "/articles/"), then ends with this page's name."""
    request = context["request"]
    site = settings.SITE_URL
    names_and_paths = [
        ("Home", "/"),
        *zip(trail[:-1:2], trail[1:-1:2], strict=True),
        (trail[-1], request.path),
    ]
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": position, "name": str(name), "item": site + str(path)}
                for position, (name, path) in enumerate(names_and_paths, start=1)
            ],
        }
    )

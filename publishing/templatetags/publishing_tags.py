import json

from django import template
from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import DatabaseError
from django.urls import get_script_prefix
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from ..caching import PAGE_SECONDS, request_generation

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


@register.filter
def srcset(copies):
    """A `srcset` value from one format's stored copies ({"url", "width"} each, narrowest first).
    Joined here rather than by a template loop: a card's picture looped over its copies in three
    formats, which cost a search results page a third of its render time."""
    return format_html_join(", ", "{} {}w", ((copy["url"], copy["width"]) for copy in copies))


class SharedFragmentNode(template.Node):
    def __init__(self, name, vary_on, nodelist):
        self.name, self.vary_on, self.nodelist = name, vary_on, nodelist

    def render(self, context):
        request = context.get("request")
        try:
            generation = request_generation(request) if request is not None else None
        except DatabaseError:
            generation = None
        if generation is None:
            # An error page rendered without the request, or with the database down: no generation
            # to key on, so the fragment is rendered afresh rather than kept.
            return self.nodelist.render(context)
        # Links in it carry the prefix of a site served below the domain's root.
        vary_on = [generation, get_script_prefix(), *(value.resolve(context) for value in self.vary_on)]
        key = make_template_fragment_key(self.name, vary_on)
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, PAGE_SECONDS)
        return html


@register.tag
def shared_fragment(parser, token):
    """`{% shared_fragment "name" value ... %}…{% endshared_fragment %}`: a part of the page that is
    the same for every visitor, rendered once per content generation (and per value listed) and
    kept in the shared cache, as Django's `{% cache %}` keeps fragments. A content save shows at
    once, since it moves the generation on. Nothing about the visitor (the user, a CSRF or form
    token, what they typed, the page's own address) may be inside one."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs the fragment's name")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(
        template.Variable(bits[1]).resolve({}), [parser.compile_filter(bit) for bit in bits[2:]], nodelist
    )

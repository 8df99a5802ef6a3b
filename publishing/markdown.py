"""The one path from staff-written markdown to HTML that reaches a page.

Staff accounts can be phished, and markdown passes raw HTML through by default, so anything a
staff member types could otherwise run script in a patient's browser. Every markdown field is
rendered here: raw HTML is shown as text, then the output is cleaned against an allow-list with
nh3, so nothing executable survives even if the markdown layer has a bug. The admin preview calls
the same function, so staff see exactly what patients get. Templates may mark a field `|safe`
only when this function wrote it.
"""

import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from markdown.extensions import Extension
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "figcaption",
    "figure", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "pre", "strong",
    "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "rel"},
    "img": {"src", "alt", "title", "width", "height", "loading", "decoding"},
    "abbr": {"title"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align", "scope"},
    **{heading: {"id"} for heading in HEADINGS},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# What an uploaded image's description says until staff write one.
IMAGE_DESCRIPTION_WANTED = "Describe this picture for people who cannot see it"
UNDESCRIBED_IMAGE = re.compile(r"!\[\s*(?:" + re.escape(IMAGE_DESCRIPTION_WANTED) + r")?\s*\]\(")


def undescribed_images(text):
    """How many images in `text` have no description of their own."""
    return len(UNDESCRIBED_IMAGE.findall(text or ""))


class _LinkAndImageHints(Treeprocessor):
    def run(self, root):
        for link in root.iter("a"):
            if urlsplit(link.get("href", "")).netloc:
                link.set("rel", "noopener")
        for image in root.iter("img"):
            image.set("loading", "lazy")
            image.set("decoding", "async")


class _SafeMarkdown(Extension):
    """Treats raw HTML as text and adds link and image hints."""

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_LinkAndImageHints(md), "link_and_image_hints", 0)


# Staff text may set no attribute of its own (so no attr_list), and the one it gets, a heading's
# id for the "On this page" links, always starts with this: no id the site's templates or scripts
# rely on ("main", "exercise-guide", a form field's) can be taken by a heading.
HEADING_ID_PREFIX = "section-"


def _heading_id(value, separator):
    return HEADING_ID_PREFIX + slugify(value, separator)


def _markdown_converter(*, heading_ids=False):
    """Only a page's main text gives its headings ids (for its "On this page" links): several
    shorter texts on one page (steps, the "when to get help" box) would repeat each other's."""
    extensions = ["tables", "sane_lists", _SafeMarkdown()]
    if heading_ids:
        extensions.append("toc")
    return markdown.Markdown(
        extensions=extensions,
        extension_configs={"toc": {"permalink": False, "toc_depth": "2-3", "slugify": _heading_id}},
        output_format="html",
    )


def _clean(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def render_markdown(text):
    """Render staff markdown to sanitised HTML, safe to put on a page."""
    return _clean(_markdown_converter().convert(text or ""))


def render_markdown_with_toc(text):
    """Like render_markdown, plus an "On this page" outline: each h2 as {"id", "title",
    "children"}, with its h3s as children."""
    converter = _markdown_converter(heading_ids=True)
    html = _clean(converter.convert(text or ""))
    return html, [_toc_entry(token) for token in converter.toc_tokens]


class _ImageSources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.append(dict(attrs).get("src") or "")


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def validate_local_images(text):
    """Refuse markdown that shows a picture kept on another site: the site's Content-Security-Policy
    blocks it (patients would see a broken picture), and it would tell that site who reads the page.
    Pictures belong on the site itself, or in its own media storage."""
    own = {_origin(settings.SITE_URL), *([_origin(settings.MEDIA_ORIGIN)] if settings.MEDIA_ORIGIN else [])}
    parser = _ImageSources()
    parser.feed(render_markdown(text))
    elsewhere = [src for src in parser.sources if urlsplit(src).netloc and _origin(src) not in own]
    if elsewhere:
        raise ValidationError(
            "Pictures must be kept on this site; %(addresses)s %(is)s on another site, and patients' "
            "browsers will not show it. Save the picture, then drag it into the editor (or use "
            "“Add an image”) and remove the old address.",
            params={
                "addresses": ", ".join(f"“{src}”" for src in dict.fromkeys(elsewhere)),
                "is": "is" if len(set(elsewhere)) == 1 else "are",
            },
            code="image_elsewhere",
        )


def _toc_entry(token):
    return {
        "id": token["id"],
        "title": unescape(token["name"]),
        "children": [_toc_entry(child) for child in token["children"] if child["level"] <= 3],
    }


def markdown_fields():
    """(model, field name) for every text staff write in markdown: each is stored beside the HTML
    rendered from it, in `<name>_html`."""
    for model in apps.get_models():
        if model.__name__.startswith("Historical"):
            continue
        names = {field.name for field in model._meta.concrete_fields}
        for field in model._meta.concrete_fields:
            if field.editable and f"{field.name}_html" in names:
                yield model, field.name


# Models that keep HTML rendered from staff markdown: each app registers them in its
# AppConfig.ready(), with how one row renders and the fields that fills, for `rerender_markdown`.
STORED_HTML = []


def register_stored_html(model, render, fields):
    STORED_HTML.append((model, render, fields))

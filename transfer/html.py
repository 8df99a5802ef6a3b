"""Another site's HTML turned into this site's markdown.

The HTML is first cut down to what an article can hold: scripts, styles, frames, forms and
everything inside them are dropped with their contents, and every attribute but a link's address
and a picture's source, description and size is removed. Pictures are taken from the clinic's own
folder, never fetched; one-pixel tracking images are dropped. markdownify then writes what is left
as markdown, which the site renders through its one sanitising path like anything staff type.
"""

import re
from html import escape

import nh3
from markdownify import markdownify

KEPT_TAGS = {
    "a", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
DROPPED_WITH_CONTENTS = {
    "script", "style", "iframe", "noscript", "object", "embed", "template", "svg", "math", "form",
    "select", "textarea", "button", "head", "title", "video", "audio", "canvas",
}  # fmt: skip
IMAGE = re.compile(r"<img\b[^>]*>", re.I)
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
# Webflow and many editors put the page title in an h1; the site gives the article's title the
# page's only h1, so the text's headings move down one level.
LEVEL_ONE = re.compile(r"<(/?)h1\b", re.I)


def markdown_from_html(html, find_image):
    """(markdown, missing image addresses, count of tracking pixels dropped). `find_image(src)`
    gives the site's address for a picture, or None when the clinic's folder does not have it."""
    html = LEVEL_ONE.sub(r"<\1h2", html or "")
    cleaned = nh3.clean(
        html,
        tags=KEPT_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENTS,
        attributes={"a": {"href"}, "img": {"src", "alt", "width", "height"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        strip_comments=True,
    )
    missing, pixels = [], 0

    def place(match):
        nonlocal pixels
        attributes = dict(ATTRIBUTE.findall(match.group(0)))
        if any(
            attributes.get(side, "").isdigit() and int(attributes[side]) <= 2 for side in ("width", "height")
        ):
            pixels += 1
            return ""
        source = attributes.get("src", "")
        address = find_image(source) if source else None
        if address is None:
            if source:
                missing.append(source)
            return ""
        return f'<img src="{escape(address)}" alt="{attributes.get("alt", "")}">'

    cleaned = IMAGE.sub(place, cleaned)
    text = markdownify(cleaned, heading_style="ATX", bullets="-")
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, missing, pixels

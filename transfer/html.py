"""Another site's HTML turned into this site's markdown.

The HTML is first cut down to what an article can hold: an embedded player becomes a plain link
to what it played (the site loads nothing from other sites), scripts, styles, forms and everything
inside them are dropped with their contents, and every attribute but a link's address and a
picture's source, description and size is removed. Each picture is handed to the source, which
stores it with the site's media or, when it cannot, leaves a visible placeholder for the editor;
one-pixel tracking images are dropped. Links to the old site's pages are rewritten to their new
addresses. markdownify then writes what is left as markdown, which the site renders through its
one sanitising path like anything staff type.
"""

import re
from dataclasses import dataclass, field
from html import escape, unescape
from urllib.parse import urlsplit

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
FRAME = re.compile(r"<iframe\b[^>]*>.*?</iframe>|<iframe\b[^>]*/?>", re.I | re.S)
FRAME_SOURCE = re.compile(r"""\bsrc\s*=\s*["']([^"']+)["']""", re.I)
# Webflow's rich text puts a picture's caption in a <figcaption>: it stays, as a line in italics.
CAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.I | re.S)
LINK = re.compile(r'(<a href=")([^"]*)(")')
# A player's address, and the page a reader can open instead.
PLAYERS = [
    (
        re.compile(r"^(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]+)"),
        "https://www.youtube.com/watch?v={}",
    ),
    (re.compile(r"^player\.vimeo\.com/video/(\d+)"), "https://vimeo.com/{}"),
]


@dataclass
class Converted:
    markdown: str
    missing: list = field(default_factory=list)
    pixels: int = 0
    embeds: list = field(default_factory=list)


def page_of_player(source):
    """The page a reader opens for an embedded player's address; None when it is not a web address."""
    source = unescape(source.strip())
    if source.startswith("//"):
        source = "https:" + source
    parts = urlsplit(source)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    where = parts.netloc + parts.path
    for pattern, page in PLAYERS:
        if match := pattern.match(where):
            return page.format(match[1])
    return source


def markdown_from_html(html, find_image, rewrite_link=None):
    """The HTML as markdown, with the picture addresses that could not be brought in, the count
    of tracking pixels dropped and the players turned into links. `find_image(src)` gives the
    site's address for a picture, or None; `rewrite_link(href)` a link's new address, or None to
    leave it."""
    embeds = []

    def link_to_player(match):
        source = FRAME_SOURCE.search(match.group(0))
        page = page_of_player(source[1]) if source else None
        if page is None:
            return ""
        embeds.append(page)
        return f'<p><a href="{escape(page)}">Watch the video: {escape(urlsplit(page).hostname)}</a></p>'

    html = FRAME.sub(link_to_player, html or "")
    html = CAPTION.sub(r"<p><em>\1</em></p>", html)
    html = LEVEL_ONE.sub(r"<\1h2", html)
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
        source = unescape(attributes.get("src", ""))
        address = find_image(source) if source else None
        if address is None:
            if not source:
                return ""
            missing.append(source)
            # Left where the picture stood, so the draft shows the gap until someone fills it.
            described = attributes.get("alt") or source.rsplit("/", 1)[-1]
            return f"<strong>[Picture not brought in: {described}. Upload it here.]</strong>"
        return f'<img src="{escape(address)}" alt="{attributes.get("alt", "")}">'

    def new_address(match):
        address = rewrite_link(unescape(match[2])) if rewrite_link else None
        return match.group(0) if address is None else f"{match[1]}{escape(address)}{match[3]}"

    cleaned = IMAGE.sub(place, cleaned)
    cleaned = LINK.sub(new_address, cleaned)
    text = markdownify(cleaned, heading_style="ATX", bullets="-")
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return Converted(text, missing, pixels, embeds)

"""The clinic's brand colour, and the shades the site derives from it, checked for WCAG AA
contrast wherever the stylesheet puts text on them or them on a background."""

import colorsys
import re

from django.core.exceptions import ValidationError

DEFAULT_BRAND = "#0f5f57"
PAGE_BACKGROUND = "#fbfaf7"
WHITE = "#ffffff"
BODY_TEXT = "#1d2b2a"
MUTED_TEXT = "#4a5a58"
AA_NORMAL_TEXT = 4.5
# Dark mode, for phones set to it: the page and its surfaces, and the text on them.
DARK_BACKGROUND = "#121a19"
DARK_SURFACE = "#1b2625"
DARK_TEXT = "#e8eeed"
DARK_MUTED_TEXT = "#b4c2c0"
HEX_COLOUR = re.compile(r"^#[0-9a-f]{6}$")


def _channels(colour):
    return [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]


def _hex(channels):
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in channels)


def luminance(colour):
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _channels(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(colour, other, amount):
    """`colour` moved `amount` (0 to 1) of the way towards `other`."""
    return _hex([a + (b - a) * amount for a, b in zip(_channels(colour), _channels(other), strict=True)])


def shades(brand):
    """The colours the stylesheet uses, made from the brand colour: a darker one for hover and
    a pale tint for the footer and callouts."""
    return {"brand": brand, "brand_dark": mix(brand, "#000000", 0.3), "accent_bg": mix(brand, WHITE, 0.93)}


def dark_shades(brand):
    """Dark mode's colours from the brand colour: the brand lightened until links in it read on
    every dark surface (buttons then take dark text), a lighter one still for hover, and a dark
    tint for the footer and callouts."""
    accent_bg = mix(brand, DARK_BACKGROUND, 0.78)
    amount = 0.0
    while amount < 1:
        light = mix(brand, WHITE, amount)
        if all(contrast(light, ground) >= AA_NORMAL_TEXT + 0.1 for ground in (DARK_SURFACE, accent_bg)):
            break
        amount += 0.02
    else:
        light = WHITE
    return {
        "brand": light,
        "brand_dark": mix(light, WHITE, 0.3),
        "accent_bg": accent_bg,
        "on_brand": DARK_BACKGROUND,
    }


def colour_pairs(brand):
    """(what, text, background) for each place the stylesheet puts text on a colour, light and dark."""
    light, dark = shades(brand), dark_shades(brand)
    return [
        ("white text on buttons", WHITE, light["brand"]),
        ("white text on buttons under the pointer", WHITE, light["brand_dark"]),
        ("links on the page", light["brand"], PAGE_BACKGROUND),
        ("links in the footer", light["brand"], light["accent_bg"]),
        ("text in the footer", MUTED_TEXT, light["accent_bg"]),
        ("dark mode: text on buttons", dark["on_brand"], dark["brand"]),
        ("dark mode: text on buttons under the pointer", dark["on_brand"], dark["brand_dark"]),
        ("dark mode: links on the page", dark["brand"], DARK_BACKGROUND),
        ("dark mode: links on cards", dark["brand"], DARK_SURFACE),
        ("dark mode: links in the footer", dark["brand"], dark["accent_bg"]),
        ("dark mode: text in the footer", DARK_MUTED_TEXT, dark["accent_bg"]),
        ("dark mode: text on cards", DARK_MUTED_TEXT, DARK_SURFACE),
    ]


def failing_pairs(brand):
    """(what, ratio) for each place the stylesheet would put text on a colour below AA."""
    return [(what, contrast(text, background)) for what, text, background in colour_pairs(brand)
            if contrast(text, background) < AA_NORMAL_TEXT]  # fmt: skip


def nearest_passing(brand):
    """The same hue, darkened step by step until every pair passes."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*_channels(brand))
    while lightness > 0:
        candidate = _hex(colorsys.hls_to_rgb(hue, lightness, saturation))
        if not failing_pairs(candidate):
            return candidate
        lightness -= 0.01
    return "#000000"


def validate_brand_colour(value):
    colour = (value or "").strip().lower()
    if not HEX_COLOUR.match(colour):
        raise ValidationError(
            "Write the colour as # and six hex digits, e.g. %(example)s.",
            params={"example": DEFAULT_BRAND},
            code="colour_format",
        )
    failing = failing_pairs(colour)
    if failing:
        what, ratio = failing[0]
        raise ValidationError(
            "%(colour)s is too light to read: %(what)s would have a contrast of %(ratio).1f to 1, "
            "and WCAG AA asks for at least 4.5. Try %(suggestion)s, the nearest darker shade that passes.",
            params={"colour": colour, "what": what, "ratio": ratio, "suggestion": nearest_passing(colour)},
            code="colour_contrast",
        )

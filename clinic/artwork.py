"""Pictures the site makes from the clinic's logo and colour: the header logo, the icons a phone
puts on its home screen, and the share image shown when a page without a picture of its own is
shared. Each is made once and kept in storage; nothing is drawn per request."""

import hashlib
import textwrap
from functools import lru_cache
from io import BytesIO

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image, ImageDraw, ImageFont

from publishing.images import encode, is_stored, pixels_only

LOGO_FORMATS = {"PNG", "WEBP"}
HEADER_LOGO_HEIGHT = 96  # shown at 48 CSS pixels, sharp on a 2x screen
ICON_SIZES = (192, 512)
# A maskable icon may be cropped to a circle of 80 % of its width; the logo stays inside it.
MASKABLE_SAFE_AREA = 0.6
SHARE_SIZE = (1200, 630)
SHARE_SALT = "clinic.share-image"


def validate_logo(field_file):
    """Logos keep their transparency, so only PNG and WebP are taken (the general image checks
    run first). A logo already stored was checked when it arrived."""
    if is_stored(field_file):
        return
    field_file.seek(0)
    try:
        with Image.open(field_file) as image:
            image_format = image.format
    except (OSError, ValueError):
        return  # not an image at all: the general image checks say so
    finally:
        field_file.seek(0)
    if image_format not in LOGO_FORMATS:
        raise ValidationError(
            "Please upload the logo as a PNG or WebP, which keep a transparent background (this one is %(format)s).",
            params={"format": image_format or "unknown"},
            code="logo_format",
        )


def _save(name, image, image_format="PNG"):
    stored = default_storage.save(name, ContentFile(encode(image, image_format, optimize=True)))
    return default_storage.url(stored)


def _on_square(logo, size, background, share):
    square = Image.new("RGBA", (size, size), background)
    fitted = logo.copy()
    fitted.thumbnail((round(size * share), round(size * share)), Image.Resampling.LANCZOS)
    square.alpha_composite(fitted, ((size - fitted.width) // 2, (size - fitted.height) // 2))
    return square


def make_logo_renditions(field_file):
    """The header logo (WebP and PNG) and the web app manifest's icons, described for templates:
    {"source", "header": {"webp", "png", "width", "height"}, "icons": [{"src", "sizes", "type",
    "purpose"}]}."""
    field_file.open("rb")
    with Image.open(field_file) as original:
        logo = pixels_only(original).convert("RGBA")
    stem = "clinic/" + hashlib.sha256(field_file.name.encode()).hexdigest()[:12]
    header = logo.copy()
    header.thumbnail((HEADER_LOGO_HEIGHT * 5, HEADER_LOGO_HEIGHT), Image.Resampling.LANCZOS)
    description = {
        "source": field_file.name,
        "header": {
            "webp": _save(f"{stem}-logo.webp", header, "WEBP"),
            "png": _save(f"{stem}-logo.png", header),
            "width": round(header.width / 2),
            "height": round(header.height / 2),
        },
        "icons": [],
    }
    for size in ICON_SIZES:
        icon = _on_square(logo, size, (0, 0, 0, 0), 1.0)
        description["icons"].append(
            {
                "src": _save(f"{stem}-icon-{size}.png", icon),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any",
            }
        )
    maskable = _on_square(logo, 512, (255, 255, 255, 255), MASKABLE_SAFE_AREA)
    description["icons"].append(
        {
            "src": _save(f"{stem}-maskable-512.png", maskable),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        }
    )
    return description


@lru_cache(maxsize=4096)
def share_image_url(title):
    """Where the share image for a page called `title` is. The title travels signed, so the site
    draws only titles it wrote itself. The signature carries no timestamp, so a title has one
    address from every worker and server at any time, and a page's bytes do not depend on where
    it was rendered."""
    token = signing.Signer(salt=SHARE_SALT).sign_object(title, compress=True)
    return settings.SITE_URL + reverse("share_image", kwargs={"token": token})


def share_image_title(token):
    """The title a share image's token was signed for; BadSignature if the site did not sign it.
    Addresses shared before the signature lost its timestamp (value:time:signature) still work."""
    if token.count(":") == 2:
        return signing.loads(token, salt=SHARE_SALT)
    try:
        return signing.Signer(salt=SHARE_SALT).unsign_object(token)
    except ValueError as error:  # a signed value that is not an object the site wrote
        raise signing.BadSignature("not a share image title") from error


def _wrapped(draw, text, font, width):
    """`text` in as few lines as fit `width` pixels, at most four (the last cut short)."""
    for columns in range(60, 8, -2):
        lines = textwrap.wrap(text, columns)
        if all(draw.textlength(line, font=font) <= width for line in lines):
            break
    if len(lines) > 4:
        lines = [*lines[:3], lines[3].rstrip(" .,;:") + "…"]
    return lines


def draw_share_image(title, clinic_name, brand_colour, logo_file=None):
    """PNG bytes: the page's title in white on the brand colour, the clinic's logo on a white card
    at the top and its name at the foot."""
    width, height = SHARE_SIZE
    image = Image.new("RGBA", SHARE_SIZE, brand_colour)
    draw = ImageDraw.Draw(image)
    margin = 72
    top = margin
    if logo_file:
        with logo_file.open("rb"), Image.open(logo_file) as original:
            logo = pixels_only(original).convert("RGBA")
        logo.thumbnail((360, 88), Image.Resampling.LANCZOS)
        draw.rounded_rectangle(
            (margin - 16, top - 16, margin + logo.width + 16, top + logo.height + 16),
            radius=16,
            fill="#ffffff",
        )
        image.alpha_composite(logo, (margin, top))
    title_font = ImageFont.load_default(size=64)
    y = 230 if logo_file else 150
    for line in _wrapped(draw, title, title_font, width - 2 * margin):
        draw.text((margin, y), line, font=title_font, fill="#ffffff")
        y += 80
    draw.text(
        (margin, height - margin - 36), clinic_name, font=ImageFont.load_default(size=36), fill="#ffffff"
    )
    buffer = BytesIO()
    image.convert("RGB").save(buffer, "PNG", optimize=True)
    return buffer.getvalue()

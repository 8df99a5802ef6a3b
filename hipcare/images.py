"""Uploaded images: checks on the way in, and responsive renditions made once on the way out.

Patients on slow phone connections should never download a 4000-pixel photo. When staff save an
image, we make a few narrower copies (WebP plus the original's format for old browsers) and keep
their sizes in the database, so pages build `srcset` without touching storage per request.
"""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 24_000_000
ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
RENDITION_WIDTHS = (400, 800, 1200)


def validate_image_upload(field_file):
    """Reject files that are too large, not really images, or in formats we do not serve."""
    if field_file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "This image is %(size).1f MB; please upload one under 5 MB.",
            params={"size": field_file.size / 1024 / 1024},
            code="image_too_large",
        )
    try:
        field_file.seek(0)
        with Image.open(field_file) as image:
            image_format, (width, height) = image.format, image.size
    except (OSError, Image.DecompressionBombError, ValueError) as error:
        raise ValidationError(
            "This file is not an image we can read. Please upload a JPEG, PNG or WebP photo.",
            code="not_an_image",
        ) from error
    finally:
        field_file.seek(0)
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(
            "Please upload a JPEG, PNG or WebP image (this one is %(format)s).",
            params={"format": image_format or "unknown"},
            code="image_format",
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(
            "This image is %(width)d × %(height)d pixels; please use one under 24 megapixels.",
            params={"width": width, "height": height},
            code="image_too_many_pixels",
        )


def make_renditions(field_file, widths=RENDITION_WIDTHS):
    """Save narrower copies of an image and describe them for `srcset`.

    Returns {"source": name, "width": w, "height": h, "webp": [...], "fallback": [...]}, where each
    list holds {"url", "width"} from narrowest to widest. Copies are never wider than the original.
    """
    field_file.open("rb")
    with Image.open(field_file) as original:
        image = ImageOps.exif_transpose(original)
        fallback_format = original.format if original.format in ACCEPTED_FORMATS else "JPEG"
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        if fallback_format == "JPEG" and image.mode == "RGBA":
            image = image.convert("RGB")
        width, height = image.size
        stem = PurePosixPath(field_file.name).stem
        chosen = sorted({min(w, width) for w in widths})
        description = {
            "source": field_file.name,
            "width": width,
            "height": height,
            "webp": [],
            "fallback": [],
        }
        for target_width in chosen:
            copy = image.resize(
                (target_width, round(height * target_width / width)), Image.Resampling.LANCZOS
            )
            for key, image_format in (("webp", "WEBP"), ("fallback", fallback_format)):
                buffer = BytesIO()
                copy.save(buffer, image_format, quality=80, optimize=True)
                name = default_storage.save(
                    f"renditions/{stem}-{target_width}.{ACCEPTED_FORMATS[image_format]}",
                    ContentFile(buffer.getvalue()),
                )
                description[key].append({"url": default_storage.url(name), "width": target_width})
    return description


def refresh_renditions(field_file, current, widths=RENDITION_WIDTHS):
    """Renditions for the image now in `field_file`, reusing `current` when the image is unchanged."""
    if not field_file:
        return {}
    if current and current.get("source") == field_file.name:
        return current
    return make_renditions(field_file, widths)

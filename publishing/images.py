"""Uploaded images: checks on the way in, and responsive renditions made once on the way out.

Patients on slow phone connections should never download a 4000-pixel photo. When staff save an
image, we make a few narrower copies (AVIF, the smallest; WebP; and the original's format for old
browsers) and keep their sizes in the database, so pages build `<picture>` and `srcset` without
touching storage per request.
"""

import threading
from contextlib import contextmanager, suppress
from io import BytesIO
from pathlib import PurePosixPath
from urllib.parse import urljoin
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from markdownx.forms import ImageForm
from PIL import Image, ImageCms, ImageOps

from .caching import content_changed

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 24_000_000
ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
RENDITION_WIDTHS = (400, 800, 1200)
# Each served format in the order a browser should prefer it; the last is for browsers without
# the others, in the original's own format. AVIF's speed 8 encodes a photo in a tenth of a second
# at nearly the size of the slowest setting.
MODERN_FORMATS = (("avif", "AVIF", {"quality": 60, "speed": 8}), ("webp", "WEBP", {"quality": 80}))
SRGB = ImageCms.createProfile("sRGB")


def save_options(image_format, quality):
    """Pillow's save options for a picture we store. Only JPEG gets the optimize pass: it is cheap
    and saves bytes there, while PNG's tries zlib's slowest level on every filter, taking three
    times as long for files no smaller (PNG takes no quality either)."""
    return {"PNG": {}, "JPEG": {"quality": quality, "optimize": True}}.get(image_format, {"quality": quality})


def full_url(url):
    """A stored file's address for use off the site (sharing, structured data): local storage
    gives a path, object storage a full URL already."""
    return urljoin(settings.SITE_URL + "/", url)


def largest_copy_url(renditions):
    """The widest of an image's renditions, as `full_url` gives it."""
    return full_url(renditions["fallback"][-1]["url"])


def is_stored(field_file):
    """Whether a model's file field holds the file already in storage rather than a new upload.
    A stored file was checked when it arrived; reading it again would make every save of the
    text wait on storage, and fail while storage is down."""
    return getattr(field_file, "_committed", False)


def validate_image_upload(field_file):
    """Reject new uploads that are too large, not really images, or in formats we do not serve."""
    if is_stored(field_file):
        return
    if field_file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "This image is %(size).1f MB; please upload one under 5 MB.",
            params={"size": field_file.size / 1024 / 1024},
            code="image_too_large",
        )
    try:
        field_file.seek(0)
        with Image.open(field_file) as image:
            _check_format_and_size(image)
            # Decoding every pixel catches truncated or corrupt files before anything is stored.
            image.load()
    except Image.DecompressionBombError as error:
        raise ValidationError(
            "This image has far too many pixels; please use one under 24 megapixels.",
            code="image_too_many_pixels",
        ) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            "This file is not an image we can read. Please upload a JPEG, PNG or WebP photo.",
            code="not_an_image",
        ) from error
    finally:
        field_file.seek(0)


def _check_format_and_size(image):
    if image.format not in ACCEPTED_FORMATS:
        raise ValidationError(
            "Please upload a JPEG, PNG or WebP image (this one is %(format)s).",
            params={"format": image.format or "unknown"},
            code="image_format",
        )
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise ValidationError(
            "This image is %(width)d × %(height)d pixels; please use one under 24 megapixels.",
            params={"width": width, "height": height},
            code="image_too_many_pixels",
        )


def pixels_only(original):
    """The picture of `original`, upright and in sRGB, carrying nothing else: no EXIF (camera,
    GPS position), XMP, comments, text chunks or colour profile, which Pillow would otherwise copy
    into a re-encoded file (a JPEG's comment, a PNG's profile)."""
    image = ImageOps.exif_transpose(original)
    icc_profile = original.info.get("icc_profile")
    # An unreadable profile is dropped, and the colours are taken to be sRGB already.
    with suppress(ImageCms.PyCMSError, OSError, ValueError):
        if icc_profile:
            image = ImageCms.profileToProfile(
                image, ImageCms.ImageCmsProfile(BytesIO(icc_profile)), SRGB, outputMode=_rgb_mode(image)
            )
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "transparency" in image.info or "A" in image.mode else "RGB")
    clean = image.copy()
    clean.info = {}
    return clean


def _rgb_mode(image):
    return "RGBA" if "A" in image.mode else "RGB"


def encode(image, image_format, **options):
    """`image` (from `pixels_only`) as bytes in `image_format`; JPEG has no transparency."""
    if image_format == "JPEG" and image.mode != "RGB":
        image = image.convert("RGB")
    buffer = BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def make_renditions(field_file, widths=RENDITION_WIDTHS):
    """Save narrower copies of an image and describe them for `srcset`.

    Returns {"source": name, "width": w, "height": h, "avif": [...], "webp": [...], "fallback": [...]},
    where each list holds {"url", "width"} from narrowest to widest. Copies are never wider than the
    original.
    """
    field_file.open("rb")
    with Image.open(field_file) as original:
        image = pixels_only(original)
        fallback_format = original.format if original.format in ACCEPTED_FORMATS else "JPEG"
        width, height = image.size
        stem = PurePosixPath(field_file.name).stem
        chosen = sorted({min(w, width) for w in widths})
        description = {
            "source": field_file.name,
            "width": width,
            "height": height,
            "fallback": [],
        } | {key: [] for key, _format, _options in MODERN_FORMATS}
        formats = [*MODERN_FORMATS, ("fallback", fallback_format, save_options(fallback_format, 80))]
        for target_width in chosen:
            copy = image.resize(
                (target_width, round(height * target_width / width)), Image.Resampling.LANCZOS
            )
            for key, image_format, options in formats:
                name = default_storage.save(
                    f"renditions/{stem}-{target_width}.{ACCEPTED_FORMATS.get(image_format, key)}",
                    ContentFile(encode(copy, image_format, **options)),
                )
                description[key].append({"url": default_storage.url(name), "width": target_width})
    return description


def store_renditions(instance, image_field, renditions_field, widths=RENDITION_WIDTHS):
    """After a save: make renditions when the image changed, and record them without another save
    (which would add a revision and re-run the model's save logic)."""
    current = getattr(instance, renditions_field)
    renditions = refresh_renditions(getattr(instance, image_field), current, widths)
    if renditions != current:
        setattr(instance, renditions_field, renditions)
        type(instance).objects.filter(pk=instance.pk).update(**{renditions_field: renditions})
        content_changed()


def refresh_renditions(field_file, current, widths=RENDITION_WIDTHS):
    """Renditions for the image now in `field_file`, reusing `current` when the image is unchanged,
    and inside `copies_made_once()` any made for the same picture since the block began."""
    if not field_file:
        return {}
    made = getattr(_bulk, "copies", None)
    key = (field_file.name, tuple(widths))
    if made is not None and key in made:
        return made[key]
    # Renditions made before a format was added are made again, so every picture has every format.
    if (
        current
        and current.get("source") == field_file.name
        and all(key in current for key, *_ in MODERN_FORMATS)
    ):
        renditions = current
    else:
        renditions = make_renditions(field_file, widths)
    if made is not None:
        made[key] = renditions
    return renditions


# Bulk work open in this thread, with the copies made in it by the picture they are of.
_bulk = threading.local()


@contextmanager
def copies_made_once():
    """Bulk work (the demo loader, an import) stores one picture for several items: one drawing
    for several steps. Inside this block each picture's copies are made once, and every item that
    shows it reuses them."""
    outermost = getattr(_bulk, "copies", None) is None
    if outermost:
        _bulk.copies = {}
    try:
        yield
    finally:
        if outermost:
            _bulk.copies = None


EDITOR_MAX_SIDE = 1600


class EditorImageForm(ImageForm):
    """Image upload from the markdown editor, judged by content rather than name or declared type.

    The stock form trusts the browser's content type and keeps the uploaded file's extension, so a
    crafted upload could be stored as `.html`. Here the image is decoded, shrunk, re-encoded without
    its metadata (EXIF can hold GPS positions) and stored under a random name with the extension of
    its real format.
    """

    def clean(self):
        upload = super().clean()
        validate_image_upload(upload)
        return upload

    def save(self, commit=True):
        upload = self.files["image"]
        with Image.open(upload) as original:
            image_format = original.format
            image = pixels_only(original)
        image.thumbnail((EDITOR_MAX_SIDE, EDITOR_MAX_SIDE))
        name = default_storage.save(
            f"{settings.MARKDOWNX_MEDIA_PATH}{uuid4().hex}.{ACCEPTED_FORMATS[image_format]}",
            ContentFile(encode(image, image_format, **save_options(image_format, 85))),
        )
        return default_storage.url(name)


def strip_metadata(field_file):
    """Store a newly uploaded image re-encoded without its metadata (EXIF can hold the GPS position
    where a photo was taken) under a random name. Already-stored images are left alone."""
    if not field_file or getattr(field_file, "_committed", True):
        return
    upload = field_file.file
    upload.seek(0)
    with Image.open(upload) as original:
        image_format = original.format
        image = pixels_only(original)
    field_file.save(
        f"{uuid4().hex}.{ACCEPTED_FORMATS[image_format]}",
        ContentFile(encode(image, image_format, quality=90)),
        save=False,
    )

"""Every copy of an uploaded image, in every allowed format, carries the picture and nothing else:
no comment, EXIF, XMP, text chunk or colour profile that could hold a name or a place."""

import re
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageCms, PngImagePlugin

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
SECRET = "Jane Doe, 12 Elm St"
SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
LEFTOVERS = {"comment", "exif", "xmp", "icc_profile", "Comment", "Author", "XML:com.adobe.xmp"}


def photo_full_of_metadata(image_format):
    exif = Image.Exif()
    exif[0x010F] = SECRET  # camera make
    exif[0x8825] = {1: "N", 2: (45.0, 31.0, 12.0)}  # GPS
    options = {"exif": exif.tobytes(), "icc_profile": SRGB_PROFILE}
    if image_format == "JPEG":
        options["comment"] = SECRET.encode()
    if image_format == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Author", SECRET)
        text.add_itxt("XML:com.adobe.xmp", f"<x:xmpmeta>{SECRET}</x:xmpmeta>")
        options["pnginfo"] = text
    if image_format == "WEBP":
        options["xmp"] = f"<x:xmpmeta>{SECRET}</x:xmpmeta>".encode()
    buffer = BytesIO()
    Image.new("RGB", (1300, 900), (200, 120, 90)).save(buffer, image_format, **options)
    return buffer.getvalue()


def assert_clean(path):
    data = Path(path).read_bytes()
    assert SECRET.encode() not in data, path
    with Image.open(path) as image:
        assert not LEFTOVERS & set(image.info), (path, sorted(image.info))
        assert not image.getexif(), path


def media_path(url):
    return Path(settings.MEDIA_ROOT) / re.sub(r"^/media/", "", url)


@pytest.mark.parametrize("image_format", FORMATS)
def test_a_lead_image_and_all_its_renditions_are_clean(image_format):
    upload = SimpleUploadedFile(f"photo.{FORMATS[image_format]}", photo_full_of_metadata(image_format))
    article = ArticleFactory(lead_image=upload, lead_image_alt="A chair by a wall")

    assert_clean(article.lead_image.path)
    renditions = article.lead_image_renditions
    copies = [rendition["url"] for key in ("webp", "fallback") for rendition in renditions[key]]
    assert len(copies) == 6
    for url in copies:
        assert_clean(media_path(url))


@pytest.mark.parametrize("image_format", FORMATS)
def test_an_image_dropped_into_the_editor_is_clean(staff_client, image_format):
    response = staff_client.post(
        reverse("markdownx_upload"),
        {
            "image": SimpleUploadedFile(
                f"photo.{FORMATS[image_format]}",
                photo_full_of_metadata(image_format),
                content_type=f"image/{image_format.lower()}",
            )
        },
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    url = re.search(r"\((/media/[^)]+)\)", response.json()["image_code"]).group(1)
    assert_clean(media_path(url))

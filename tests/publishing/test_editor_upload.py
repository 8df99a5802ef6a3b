"""Images dropped into the markdown editor: staff only, judged by content, stored clean."""

from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

pytestmark = pytest.mark.django_db
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
CAMERA_MAKE_TAG = 0x010F


def jpeg_with_exif():
    exif = Image.Exif()
    exif[CAMERA_MAKE_TAG] = "PhoneCo with GPS"
    buffer = BytesIO()
    Image.new("RGB", (3000, 2000), (10, 120, 90)).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def upload(staff_client, name, content, content_type):
    return staff_client.post(
        reverse("markdownx_upload"), {"image": SimpleUploadedFile(name, content, content_type)}, **XHR
    )


def stored_uploads():
    folder = Path(settings.MEDIA_ROOT) / settings.MARKDOWNX_MEDIA_PATH
    return set(folder.iterdir()) if folder.exists() else set()


def test_uploaded_photo_is_shrunk_stripped_and_named_by_its_real_format(staff_client):
    before = stored_uploads()

    response = upload(staff_client, "holiday.html", jpeg_with_exif(), "image/png")

    assert response.status_code == 200
    image_code = response.json()["image_code"]
    assert image_code.startswith("![Describe this picture for people who cannot see it](/media/uploads/")
    assert image_code.endswith(".jpg)")
    (stored,) = stored_uploads() - before
    with Image.open(stored) as image:
        assert image.format == "JPEG"
        assert max(image.size) == 1600
        assert CAMERA_MAKE_TAG not in image.getexif()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("notes.png", b"plain text pretending to be a picture", "image/png"),
        (
            "icon.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
        ),
        ("truncated.jpg", jpeg_with_exif()[:400], "image/jpeg"),
    ],
)
def test_files_that_are_not_usable_images_are_refused_and_not_stored(
    staff_client, name, content, content_type
):
    before = stored_uploads()

    response = upload(staff_client, name, content, content_type)

    assert response.status_code == 400
    assert response.json()["__all__"]
    assert stored_uploads() == before

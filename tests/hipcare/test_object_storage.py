"""Uploaded images on S3-compatible object storage, for clinics running several app servers."""

import json
import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto import mock_aws
from PIL import Image

from tests.factories import ArticleFactory

PROJECT_DIR = Path(__file__).resolve().parents[2]
BUCKET = "clinic-media"


def production_settings(**variables):
    """STORAGES and the image policy as the site would configure them from these variables."""
    script = (
        "import json; from django.conf import settings as s;"
        "print(json.dumps({'storages': s.STORAGES,"
        " 'img_src': s.CONTENT_SECURITY_POLICY['DIRECTIVES'].get('img-src')}))"
    )
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith("MEDIA_S3_")},
        "DJANGO_SETTINGS_MODULE": "hipcare.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "storage-test-key-" + "s" * 40,
        "DJANGO_ALLOWED_HOSTS": "clinic.example",
        **variables,
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_media_stay_on_local_disk_unless_a_bucket_is_named():
    configured = production_settings()
    assert configured["storages"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert configured["img_src"] is None  # pictures come from the site itself: default-src covers them


@pytest.mark.parametrize(
    ("variables", "origin"),
    [
        ({"MEDIA_S3_REGION": "eu-west-2"}, f"https://{BUCKET}.s3.eu-west-2.amazonaws.com"),
        ({"MEDIA_S3_ENDPOINT_URL": "https://objects.example.net:9000/"}, "https://objects.example.net:9000"),
        ({"MEDIA_S3_CUSTOM_DOMAIN": "media.clinic.example"}, "https://media.clinic.example"),
    ],
)
def test_a_bucket_moves_media_to_object_storage_and_lets_pages_show_them(variables, origin):
    configured = production_settings(MEDIA_S3_BUCKET=BUCKET, **variables)
    storage = configured["storages"]["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == BUCKET
    # Cached pages must not carry links that expire.
    assert storage["OPTIONS"]["querystring_auth"] is False
    assert configured["img_src"] == ["'self'", origin]


@pytest.fixture
def bucket(settings):
    """An S3 bucket (simulated in-process) configured exactly as production settings would."""
    configured = production_settings(MEDIA_S3_BUCKET=BUCKET, MEDIA_S3_REGION="eu-west-2")
    with mock_aws():
        boto3.client("s3", region_name="eu-west-2").create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
        )
        settings.STORAGES = {**settings.STORAGES, "default": configured["storages"]["default"]}
        settings.CONTENT_SECURITY_POLICY = {
            "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "img-src": configured["img_src"]}
        }
        yield boto3.client("s3", region_name="eu-west-2")


def png():
    buffer = BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 60)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_an_editor_upload_lands_in_the_bucket_and_shows_on_the_page(bucket, staff_client, client):
    response = staff_client.post(
        reverse("markdownx_upload"),
        {"image": SimpleUploadedFile("pelvis.png", png(), "image/png")},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    assert response.status_code == 200
    image_code = response.json()["image_code"]
    url = image_code[image_code.index("(") + 1 : -1]

    (stored,) = bucket.list_objects_v2(Bucket=BUCKET)["Contents"]
    assert urlsplit(url).path == f"/{stored['Key']}"
    head = bucket.head_object(Bucket=BUCKET, Key=stored["Key"])
    assert head["ContentType"] == "image/png"
    assert "immutable" in head["CacheControl"]

    article = ArticleFactory(body=f"Where the muscles sit:\n\n{image_code}")
    page = client.get(article.get_absolute_url())
    assert f'src="{url}"' in page.content.decode()
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    assert f"img-src 'self' {origin}" in page["Content-Security-Policy"]

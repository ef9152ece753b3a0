"""Uploads on S3-compatible storage, for sites that run more than one app server.

The storage talks to a local S3 server (moto's), started by the test, over the
real S3 protocol: the upload goes through the admin, the renditions are made
from the stored original, and the page links to the bucket.
"""

import io
import os

import boto3
import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db

BUCKET = "twinsite-media"


@pytest.fixture
def s3(monkeypatch):
    # Credentials for the local server only; boto3 must never look further.
    for name, value in {
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": "eu-central-1",
    }.items():
        monkeypatch.setenv(name, value)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="eu-central-1")
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
    )
    settings_storages = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "eu-central-1",
                "access_key": "local",
                "secret_key": "local",
                "querystring_auth": False,
                "file_overwrite": False,
                "default_acl": None,
            },
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=settings_storages):
        yield client, endpoint
    server.stop()


def jpeg_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 600), (40, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_an_upload_lands_in_the_bucket_and_renditions_come_from_it(admin_client, s3):
    client, endpoint = s3
    assert type(storages["default"]).__name__ == "S3Storage"

    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Marktplatz",
            "file": SimpleUploadedFile("marktplatz.jpg", jpeg_bytes(), "image/jpeg"),
            "collection": get_image_model().objects.first().collection_id,
        },
    )
    assert response.status_code == 302

    image = get_image_model().objects.get(title="Marktplatz")
    keys = [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert image.file.name in keys
    assert image.file.name.startswith("original_images/")

    rendition = image.get_rendition("fill-320x200|format-jpeg")
    keys = [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert rendition.file.name in keys
    assert rendition.url.startswith(f"{endpoint}/{BUCKET}/images/")
    with PILImage.open(
        io.BytesIO(client.get_object(Bucket=BUCKET, Key=rendition.file.name)["Body"].read())
    ) as stored:
        assert stored.size == (320, 200)


def test_the_settings_switch_to_s3_from_the_environment(monkeypatch):
    """twinsite.settings.base reads S3_BUCKET and friends; nothing is contacted."""
    import importlib

    import twinsite.settings.base as base

    monkeypatch.setenv("S3_BUCKET", "partnerschaft-media")
    monkeypatch.setenv("S3_ENDPOINT_URL", "https://s3.example.org")
    monkeypatch.setenv("S3_CUSTOM_DOMAIN", "media.example.org")
    try:
        reloaded = importlib.reload(base)
        storage = reloaded.STORAGES["default"]
        assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
        assert storage["OPTIONS"]["bucket_name"] == "partnerschaft-media"
        assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.org"
        assert storage["OPTIONS"]["custom_domain"] == "media.example.org"
        assert reloaded.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    finally:
        for name in ("S3_BUCKET", "S3_ENDPOINT_URL", "S3_CUSTOM_DOMAIN"):
            os.environ.pop(name, None)
        importlib.reload(base)

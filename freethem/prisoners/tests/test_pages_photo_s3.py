"""Photos in an S3-compatible store (FREETHEM_MEDIA_S3_*), as several nodes share them: uploaded
in the staff area, served by the app's photo view from the bucket, never from the bucket's URL.

The store is moto's S3 server on loopback; the storage is the one settings.py makes from the
environment variables an operator sets."""

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from moto.server import ThreadedMotoServer

from freethem.core.tests.test_settings import run
from freethem.prisoners.models import Person
from freethem.prisoners.tests.test_admin_photo import add_with_photo, jpeg_with_gps
from freethem.prisoners.tests.test_admin_support import signed_in
from freethem.prisoners.vocab import PhotoVisibility, Publication

pytestmark = pytest.mark.django_db
BUCKET = "campaign-media"
CREDENTIALS = {"aws_access_key_id": "test-key-id", "aws_secret_access_key": "test-secret"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_url() -> Iterator[str]:
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture
def bucket(s3_url: str, settings: object, tmp_path: Path) -> Iterator[object]:
    """An empty private bucket, and the site's default storage in it as settings.py makes it."""
    client = boto3.client("s3", endpoint_url=s3_url, region_name="eu-central-1", **CREDENTIALS)
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
    )
    code = (
        "import django, json; django.setup(); from django.conf import settings;"
        "print(json.dumps(settings.STORAGES['default']))"
    )
    configured = run(
        code,
        tmp_path,
        FREETHEM_MEDIA_S3_BUCKET=BUCKET,
        FREETHEM_MEDIA_S3_ENDPOINT_URL=s3_url,
        FREETHEM_MEDIA_S3_ACCESS_KEY_ID=CREDENTIALS["aws_access_key_id"],
        FREETHEM_MEDIA_S3_SECRET_ACCESS_KEY=CREDENTIALS["aws_secret_access_key"],
        FREETHEM_MEDIA_S3_REGION="eu-central-1",
    )
    assert configured.returncode == 0, configured.stderr
    storage = json.loads(configured.stdout)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    settings.STORAGES = {**settings.STORAGES, "default": storage}  # type: ignore[attr-defined]
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def test_it_stores_an_upload_in_the_bucket_and_serves_it_itself(
    client: Client, bucket: object, s3_url: str, tmp_path: Path
) -> None:
    signed_in(client)
    assert add_with_photo(client, SimpleUploadedFile("IMG_1.jpg", jpeg_with_gps())) == ""
    person = Person.objects.get()
    keys = [item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [person.photo.name]
    assert person.photo.name.startswith("prisoners/")
    assert not (tmp_path / "media").exists()  # nothing on this node's disk
    stored = bucket.get_object(Bucket=BUCKET, Key=person.photo.name)["Body"].read()
    assert b"Phone" not in stored  # stripped of its metadata before it left

    Person.objects.filter(pk=person.pk).update(
        publication=Publication.PUBLISHED, photo_visibility=PhotoVisibility.PUBLIC
    )
    client.logout()
    response = client.get(f"/prisoners/{person.slug}/photo")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == stored
    html = client.get(f"/prisoners/{person.slug}/").content.decode()
    assert f"/prisoners/{person.slug}/photo?v=" in html
    assert s3_url not in html and BUCKET not in html  # no link to the store itself
    shared = (
        f'<meta property="og:image" content="http://127.0.0.1:8000/prisoners/{person.slug}/photo'
    )
    assert shared in html


def test_it_answers_404_when_the_photo_is_gone_from_the_bucket(
    client: Client, bucket: object
) -> None:
    from freethem.prisoners.tests.factories import make_person

    make_person(slug="gone", photo_visibility=PhotoVisibility.PUBLIC, photo="prisoners/gone.png")
    assert client.get("/prisoners/gone/photo").status_code == 404

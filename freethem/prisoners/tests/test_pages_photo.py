"""/prisoners/<slug>/photo: the only way a photo leaves MEDIA_ROOT, and only when public."""

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from PIL import Image

from freethem.prisoners.models import Person
from freethem.prisoners.tests.factories import make_person
from freethem.prisoners.vocab import PhotoVisibility, Publication

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    return tmp_path


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def with_photo(visibility: str, **fields: object) -> Person:
    person = make_person(photo_visibility=visibility, **fields)
    person.photo.save("face.png", ContentFile(png()))
    return person


def test_it_serves_a_public_photo_with_a_long_cache(client: Client) -> None:
    person = with_photo(PhotoVisibility.PUBLIC, slug="shown")
    response = client.get("/prisoners/shown/photo")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png()
    assert "public" in response["Cache-Control"]
    assert "max-age=3600" in response["Cache-Control"]
    assert person.photo.name.startswith("prisoners/")


def test_it_refuses_a_staff_only_photo(client: Client) -> None:
    with_photo(PhotoVisibility.STAFF, slug="staff-only")
    assert client.get("/prisoners/staff-only/photo").status_code == 404
    assert client.get("/fa/prisoners/staff-only/photo").status_code == 404
    html = client.get("/prisoners/staff-only/").content.decode()
    assert "/photo" not in html
    assert "face" not in html


def test_it_refuses_the_photo_of_an_unpublished_person(client: Client) -> None:
    with_photo(PhotoVisibility.PUBLIC, slug="draft", publication=Publication.DRAFT)
    assert client.get("/prisoners/draft/photo").status_code == 404


def test_it_answers_404_when_there_is_no_photo_or_its_file_is_gone(client: Client) -> None:
    make_person(slug="none", photo_visibility=PhotoVisibility.PUBLIC)
    assert client.get("/prisoners/none/photo").status_code == 404
    make_person(slug="gone", photo_visibility=PhotoVisibility.PUBLIC, photo="prisoners/gone.png")
    assert client.get("/prisoners/gone/photo").status_code == 404


def test_it_links_the_public_photo_from_the_profile(client: Client) -> None:
    with_photo(PhotoVisibility.PUBLIC, slug="shown")
    html = client.get("/prisoners/shown/").content.decode()
    assert '<img class="photo" src="/prisoners/shown/photo?v=' in html

"""A photo uploaded in the staff area is stored without its metadata."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import ExifTags, Image

from freethem.prisoners.models import Person
from freethem.prisoners.services import PHOTO_NOT_AN_IMAGE
from freethem.prisoners.tests.test_admin_support import PEOPLE, fill, page_form, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    return tmp_path


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phone"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (35.0, 47.0, 49.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (51.0, 23.0, 13.0)
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "navy").save(buffer, "JPEG", exif=exif)
    data = buffer.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return data


def add_with_photo(client: Client, photo: SimpleUploadedFile) -> str:
    data = fill(
        page_form(client, f"{PEOPLE}add/"),
        {
            "name_fa": "سپیده قلیان",
            "name_latin": "Sepideh Gholian",
        },
    )
    response = client.post(f"{PEOPLE}add/", {**data, "photo": photo})
    return response.content.decode() if response.status_code == 200 else ""


def test_it_stores_an_uploaded_photo_with_no_exif_at_all(client: Client, media: Path) -> None:
    signed_in(client)
    assert add_with_photo(client, SimpleUploadedFile("IMG_at_home.jpg", jpeg_with_gps())) == ""
    person = Person.objects.get()
    assert person.photo.name.startswith("prisoners/")
    assert "IMG_at_home" not in person.photo.name
    saved = Path(media / person.photo.name)
    image = Image.open(saved)
    assert image.format == "JPEG" and image.size == (64, 48)
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info and "icc_profile" not in image.info
    assert b"Phone" not in saved.read_bytes()


def test_it_refuses_a_file_that_is_not_a_photo_we_keep(client: Client) -> None:
    signed_in(client)
    buffer = io.BytesIO()
    Image.new("P", (8, 8)).save(buffer, "GIF")
    html = add_with_photo(client, SimpleUploadedFile("face.gif", buffer.getvalue()))
    assert str(PHOTO_NOT_AN_IMAGE) in html
    assert not Person.objects.exists()

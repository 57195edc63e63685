"""An event's photos are stored without their metadata (EXIF, GPS position, camera), upright,
and no larger than a web page needs."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import ExifTags, Image

from freethem.events.models import Event, EventPhoto
from freethem.events.services import PHOTO_MAX_EDGE, event_photo_add
from freethem.events.tests.factories import make_event
from freethem.prisoners.services import PHOTO_NOT_AN_IMAGE
from freethem.prisoners.tests.test_admin_support import fill, page_form, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    return tmp_path


def jpeg_with_gps(size: tuple[int, int] = (64, 48), orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 26.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 39.0)
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "JPEG", exif=exif)
    data = buffer.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return data


def add_photo(event: Event, alt: str = "Candles", data: bytes | None = None) -> EventPhoto:
    upload = SimpleUploadedFile("IMG_2041_home.jpg", data or jpeg_with_gps())
    return event_photo_add(event=event, upload=upload, alt=alt)


def test_it_stores_a_photo_without_exif_or_gps(media: Path) -> None:
    photo = add_photo(make_event())
    assert photo.image.name.startswith("events/") and "IMG_2041" not in photo.image.name
    saved = media / photo.image.name
    image = Image.open(saved)
    assert image.format == "JPEG" and image.size == (64, 48)
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info
    assert b"PhoneMaker" not in saved.read_bytes()


def test_it_applies_the_orientation_before_dropping_it(media: Path) -> None:
    photo = add_photo(make_event(), data=jpeg_with_gps(size=(64, 48), orientation=6))
    image = Image.open(media / photo.image.name)
    assert image.size == (48, 64)  # turned upright; no orientation tag left to apply twice
    assert ExifTags.Base.Orientation not in image.getexif()


def test_it_makes_a_large_photo_smaller(media: Path) -> None:
    photo = add_photo(make_event(), data=jpeg_with_gps(size=(3000, 1500)))
    image = Image.open(media / photo.image.name)
    assert image.size == (PHOTO_MAX_EDGE, PHOTO_MAX_EDGE // 2)
    assert dict(image.getexif()) == {}


def test_it_refuses_a_file_that_is_not_a_photo() -> None:
    with pytest.raises(ValidationError) as refused:
        add_photo(make_event(), data=b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert str(PHOTO_NOT_AN_IMAGE) in refused.value.messages
    assert not EventPhoto.objects.exists()


def test_it_strips_a_photo_uploaded_in_the_staff_area(client: Client, media: Path) -> None:
    signed_in(client, username="events1", role="events")
    event = make_event(starts_in=timedelta(days=-3))
    event.organisers.add(User.objects.get(username="events1"))
    url = f"/staff/events/event/{event.pk}/change/"
    data = fill(
        page_form(client, url, "event_form"),
        {"photos-TOTAL_FORMS": "1", "photos-0-alt": "Candles on the steps", "photos-0-order": "0"},
    )
    upload = SimpleUploadedFile("IMG_2041_home.jpg", jpeg_with_gps())
    response = client.post(url, {**data, "photos-0-image": upload})
    assert response.status_code == 302, response.content.decode()
    photo = EventPhoto.objects.get(event=event)
    saved = media / photo.image.name
    assert dict(Image.open(saved).getexif()) == {}
    assert b"PhoneMaker" not in saved.read_bytes() and "IMG_2041" not in photo.image.name

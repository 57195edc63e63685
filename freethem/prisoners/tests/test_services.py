"""The case database's services: publication moves and who may make them, the search index,
imports that would publish, and photos stripped of what they say about where they were taken."""

import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms, PngImagePlugin
from reversion.models import Version

from freethem.core.tests.factories import staff_user
from freethem.prisoners import services
from freethem.prisoners.models import Person
from freethem.prisoners.services import (
    DRAFT_ALREADY,
    NOT_ALLOWED_TO_PUBLISH,
    ONLY_DRAFTS_FOR_REVIEW,
    PHOTO_NOT_AN_IMAGE,
    PHOTO_TOO_LARGE,
    PUBLISHED_ALREADY,
    people_import,
    person_publish,
    person_reindex,
    person_submit_for_review,
    person_unpublish,
    photo_strip_metadata,
    user_may_publish,
)
from freethem.prisoners.tests.factories import make_event, make_person
from freethem.prisoners.vocab import Publication

pytestmark = pytest.mark.django_db

SECRET_XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">taken at Evin</x:xmpmeta>'


# Publication -------------------------------------------------------------------------------


def test_it_moves_a_record_from_draft_to_review_to_published_and_back() -> None:
    researcher = staff_user(username="researcher1", role="researcher")
    organiser = staff_user(username="organiser1", role="organiser")
    person = make_person(publication=Publication.DRAFT)
    make_event(person)

    person_submit_for_review(person=person, user=researcher)
    assert Person.objects.get().publication == Publication.REVIEW
    person_publish(person=person, user=organiser)
    assert Person.objects.get().publication == Publication.PUBLISHED
    person_unpublish(person=person, user=researcher)
    assert Person.objects.get().publication == Publication.DRAFT

    history = Version.objects.get_for_object(person).order_by("pk")
    assert [(v.revision.user.username, v.revision.comment) for v in history] == [
        ("researcher1", "Submitted for review."),
        ("organiser1", "Published."),
        ("researcher1", "Unpublished: back to draft."),
    ]
    # Each revision holds the whole record, the timeline included.
    revision = history.last().revision
    assert revision.version_set.filter(content_type__model="event").count() == 1


def test_it_lets_only_organisers_and_superusers_publish() -> None:
    researcher = staff_user(username="researcher1", role="researcher")
    person = make_person(publication=Publication.REVIEW)
    with pytest.raises(PermissionDenied, match=str(NOT_ALLOWED_TO_PUBLISH)):
        person_publish(person=person, user=researcher)
    assert Person.objects.get().publication == Publication.REVIEW
    assert not user_may_publish(researcher)
    assert user_may_publish(staff_user(username="organiser1", role="organiser"))
    researcher.is_superuser = True
    assert user_may_publish(researcher)


def test_it_refuses_moves_that_make_no_sense() -> None:
    organiser = staff_user(username="organiser1", role="organiser")
    published = make_person(publication=Publication.PUBLISHED)
    draft = make_person(publication=Publication.DRAFT)
    cases = [
        (person_submit_for_review, published, ONLY_DRAFTS_FOR_REVIEW),
        (person_publish, published, PUBLISHED_ALREADY),
        (person_unpublish, draft, DRAFT_ALREADY),
    ]
    for service, person, message in cases:
        with pytest.raises(ValidationError) as raised:
            service(person=person, user=organiser)
        assert raised.value.messages == [str(message)]
    assert not Version.objects.exists()


def test_it_refuses_a_user_without_the_case_database() -> None:
    moderator = staff_user(username="moderator1", role="moderator")
    person = make_person(publication=Publication.DRAFT)
    with pytest.raises(PermissionDenied):
        person_submit_for_review(person=person, user=moderator)
    with pytest.raises(PermissionDenied):
        person_unpublish(person=make_person(), user=moderator)


# Search index ------------------------------------------------------------------------------


def test_it_reindexes_a_person_under_their_new_name() -> None:
    person = make_person(name_latin="Old Name", name_fa="نام قدیم")
    Person.objects.filter(pk=person.pk).update(name_latin="Sepideh Gholian")
    person.refresh_from_db()
    assert not Person.objects.search("Gholian").exists()
    person_reindex(person=person)
    assert list(Person.objects.search("Qolian")) == [person]


# Import ------------------------------------------------------------------------------------


def record(slug: str, publication: str) -> dict:
    return {"slug": slug, "name_fa": "نام", "name_latin": slug.title(), "publication": publication}


def test_it_refuses_a_file_with_which_a_researcher_would_publish() -> None:
    researcher = staff_user(username="researcher1", role="researcher")
    data = json.dumps([record("drafted", "draft"), record("made-public", "published")])
    result = people_import(data=data, format="json", user=researcher)
    assert [error.row for error in result.errors] == [0]
    assert "made-public" in result.errors[0].message
    assert "drafted" not in result.errors[0].message
    assert not Person.objects.exists()

    organiser = staff_user(username="organiser1", role="organiser")
    result = people_import(data=data, format="json", user=organiser)
    assert (result.created, result.errors) == (2, [])
    assert Person.objects.get(slug="made-public").publication == Publication.PUBLISHED


def test_it_lets_a_researcher_update_a_published_record_by_import() -> None:
    researcher = staff_user(username="researcher1", role="researcher")
    make_person(slug="known", publication=Publication.PUBLISHED)
    result = people_import(
        data=json.dumps([record("known", "published")]), format="json", user=researcher
    )
    assert (result.updated, result.errors) == (1, [])
    assert Person.objects.get().name_latin == "Known"


def test_it_checks_a_file_without_importing_it() -> None:
    organiser = staff_user(username="organiser1", role="organiser")
    make_person(slug="known")
    data = json.dumps([record("known", "draft"), record("new-one", "draft")])
    result = people_import(data=data, format="json", user=organiser, dry_run=True)
    assert (result.created, result.updated, result.errors) == (1, 1, [])
    assert list(Person.objects.values_list("slug", "publication")) == [("known", "published")]
    assert not Version.objects.exists()


# Photos ------------------------------------------------------------------------------------


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phone"
    exif[ExifTags.Base.DateTime] = "2022:09:20 18:30:00"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (35.0, 47.0, 49.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (51.0, 23.0, 13.0)
    return exif


def srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def upload(
    image: Image.Image, image_format: str, name: str, **options: object
) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return SimpleUploadedFile(name, buffer.getvalue())


def assert_bare(content: bytes, image_format: str) -> Image.Image:
    image = Image.open(io.BytesIO(content))
    assert image.format == image_format
    assert dict(image.getexif()) == {}
    assert not {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "Comment"} & set(image.info)
    for needle in (b"Exif", b"Phone", b"Evin", b"2022:09:20", b"sRGB"):
        assert needle not in content
    return image


@pytest.mark.parametrize("image_format", ["JPEG", "WEBP"])
def test_it_strips_exif_gps_xmp_and_the_colour_profile(image_format: str) -> None:
    photo = upload(
        Image.new("RGB", (40, 30), (200, 30, 30)),
        image_format,
        "IMG_2022_Evin.jpg",
        exif=gps_exif(),
        icc_profile=srgb_profile(),
        xmp=SECRET_XMP,
    )
    original = photo.read()
    assert b"Phone" in original and b"Evin" in original  # they were there
    stripped = photo_strip_metadata(upload=photo)
    image = assert_bare(stripped.read(), image_format)
    assert image.size == (40, 30)
    assert image.getpixel((20, 15))[0] > 150  # still the same red photo
    assert "Evin" not in stripped.name and "IMG" not in stripped.name


def test_it_strips_a_png_of_its_text_and_keeps_its_transparency() -> None:
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "taken at Evin")
    image = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    photo = upload(
        image, "PNG", "face.png", pnginfo=text, exif=gps_exif(), icc_profile=srgb_profile()
    )
    stripped = assert_bare(photo_strip_metadata(upload=photo).read(), "PNG")
    assert stripped.mode == "RGBA" and stripped.getpixel((5, 5))[3] == 0


def test_it_turns_a_photo_upright_before_dropping_its_orientation() -> None:
    # Orientation 6: the camera was turned; viewers rotate the stored 40x20 to 20x40.
    photo = upload(Image.new("RGB", (40, 20), "white"), "JPEG", "turned.jpg", exif=gps_exif(6))
    image = assert_bare(photo_strip_metadata(upload=photo).read(), "JPEG")
    assert image.size == (20, 40)


def test_it_refuses_what_is_not_a_jpeg_png_or_webp_photo() -> None:
    gif = upload(Image.new("P", (4, 4)), "GIF", "face.gif")
    for bad in (gif, SimpleUploadedFile("face.jpg", b"not an image at all")):
        with pytest.raises(ValidationError) as raised:
            photo_strip_metadata(upload=bad)
        assert raised.value.messages == [str(PHOTO_NOT_AN_IMAGE)]


def test_it_refuses_a_photo_over_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "MAX_PHOTO_BYTES", 2 * 1024 * 1024)
    photo = SimpleUploadedFile("big.jpg", b"\xff" * (2 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError) as raised:
        photo_strip_metadata(upload=photo)
    assert raised.value.messages == [str(PHOTO_TOO_LARGE) % {"megabytes": 2}]

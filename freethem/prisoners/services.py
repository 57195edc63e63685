"""Writes to the case database that have side effects: publication, the search index, photos,
and imports. The staff area, the import page and management commands all call these.

Who may do what with a record's publication (draft -> in review -> published, and back):
- anyone who may change prisoners' records (researchers, organisers) submits a draft for
  review, and may unpublish: taking a record down is never held up, since a family or a
  source may need it gone at once;
- only organisers (members of the "organiser" staff role) and superusers publish. A
  researcher's work is published after an organiser has reviewed it.
Each change of state is saved as a revision, with who made it and why, in the record's history.
"""

import io
import uuid
import warnings
from typing import Any

import reversion
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from freethem.core.roles import is_organiser
from freethem.prisoners.exchange import ImportResult, RowError, import_people
from freethem.prisoners.models import Person
from freethem.prisoners.search import index_person
from freethem.prisoners.vocab import Publication

CHANGE_PERMISSION = "prisoners.change_person"
# The states each move starts from.
SUBMIT_FROM = (Publication.DRAFT,)
PUBLISH_FROM = (Publication.DRAFT, Publication.REVIEW)
UNPUBLISH_FROM = (Publication.REVIEW, Publication.PUBLISHED)

NOT_ALLOWED_TO_CHANGE = _("You may not change prisoners' records.")
NOT_ALLOWED_TO_PUBLISH = _("Only organisers may publish a record; submit it for review instead.")
ONLY_DRAFTS_FOR_REVIEW = _("Only a draft can be submitted for review.")
PUBLISHED_ALREADY = _("This record is published already.")
DRAFT_ALREADY = _("This record is not published: it is a draft already.")
SUBMITTED = _("Submitted for review.")
PUBLISHED = _("Published.")
UNPUBLISHED = _("Unpublished: back to draft.")
IMPORT_WOULD_PUBLISH = _(
    "Only organisers may publish: this file would publish %(people)s. Give them the "
    "publication “draft” or “review”, or ask an organiser to import the file."
)

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTO_PIXELS = 30_000_000
PHOTO_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
PHOTO_SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 90, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 90},
}
PHOTO_NOT_AN_IMAGE = _("Upload a photo in JPEG, PNG or WebP format.")
PHOTO_TOO_LARGE = _("The photo is larger than %(megabytes)s MB; upload a smaller one.")
PHOTO_TOO_MANY_PIXELS = _(
    "The photo is larger than %(megapixels)s megapixels; upload a smaller one."
)


# Publication -------------------------------------------------------------------------------


def user_may_publish(user: User | AnonymousUser) -> bool:
    """Organisers and superusers publish; nobody else (see the module's docstring)."""
    return is_organiser(user)


def person_submit_for_review(*, person: Person, user: User | AnonymousUser) -> Person:
    """Draft -> in review."""
    if not user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied(NOT_ALLOWED_TO_CHANGE)
    return _person_move(
        person=person,
        user=user,
        to=Publication.REVIEW,
        allowed_from=SUBMIT_FROM,
        refusal=ONLY_DRAFTS_FOR_REVIEW,
        comment=SUBMITTED,
    )


def person_publish(*, person: Person, user: User | AnonymousUser) -> Person:
    """Draft or in review -> published; organisers only."""
    if not (user_may_publish(user) and user.has_perm(CHANGE_PERMISSION)):
        raise PermissionDenied(NOT_ALLOWED_TO_PUBLISH)
    return _person_move(
        person=person,
        user=user,
        to=Publication.PUBLISHED,
        allowed_from=PUBLISH_FROM,
        refusal=PUBLISHED_ALREADY,
        comment=PUBLISHED,
    )


def person_unpublish(*, person: Person, user: User | AnonymousUser) -> Person:
    """In review or published -> draft."""
    if not user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied(NOT_ALLOWED_TO_CHANGE)
    return _person_move(
        person=person,
        user=user,
        to=Publication.DRAFT,
        allowed_from=UNPUBLISH_FROM,
        refusal=DRAFT_ALREADY,
        comment=UNPUBLISHED,
    )


def _person_move(
    *,
    person: Person,
    user: User | AnonymousUser,
    to: Publication,
    allowed_from: tuple[Publication, ...],
    refusal: str | Promise,
    comment: str | Promise,
) -> Person:
    with transaction.atomic(), reversion.create_revision():
        # Read the state under a lock: two staff members acting at once see each other's move.
        current = Person.objects.select_for_update().only("publication").get(pk=person.pk)
        if current.publication not in allowed_from:
            raise ValidationError(refusal, code="publication")
        reversion.set_user(user)
        reversion.set_comment(gettext(comment))
        person.publication = to
        person.full_clean()
        person.save(update_fields=["publication", "updated_at"])
        if reversion.is_registered(Person):
            reversion.add_to_revision(person)
    return person


# Search index ------------------------------------------------------------------------------


def person_reindex(*, person: Person) -> None:
    """Rebuild the person's search index rows from their names and summaries as saved."""
    with transaction.atomic():
        index_person(person)


# Import ------------------------------------------------------------------------------------


class _RollBack(Exception):
    """Raised inside the import's transaction to undo it."""


def people_import(
    *, data: str | bytes, format: str, user: User | AnonymousUser, dry_run: bool = False
) -> ImportResult:
    """Import a CSV or JSON file (freethem.prisoners.exchange.import_people), refusing the
    whole file when a user who may not publish would publish someone with it.

    A dry run imports the file for real and then rolls it back, so its counts and its errors,
    the publication check included, are exactly what the import would give."""
    published_before = None if user_may_publish(user) else set(_published_pks())
    result = ImportResult()
    try:
        with transaction.atomic():
            result = import_people(data, format=format, user=user)
            if result.errors:
                return result  # import_people saved nothing
            if published_before is not None:
                newly = set(_published_pks()) - published_before
                if newly:
                    result = ImportResult(errors=[RowError(0, "", _would_publish(newly))])
                    raise _RollBack
            if dry_run:
                raise _RollBack
    except _RollBack:
        pass
    return result


def _published_pks() -> list[int]:
    return list(Person.objects.published().values_list("pk", flat=True))


def _would_publish(pks: set[int]) -> str:
    slugs = Person.objects.filter(pk__in=pks).order_by("slug").values_list("slug", flat=True)
    shown = ", ".join(slugs[:10]) + (", …" if len(pks) > 10 else "")
    return gettext(IMPORT_WOULD_PUBLISH) % {"people": shown}


# Photos ------------------------------------------------------------------------------------


def photo_strip_metadata(*, upload: File) -> ContentFile:
    """The uploaded photo re-encoded from its pixels alone, in its own format (JPEG, PNG or
    WebP), upright, under a random file name: no EXIF (camera, GPS position, time), no XMP or
    IPTC, no colour profile (converted to sRGB first), no text chunks, no original file name."""
    if upload.size is not None and upload.size > MAX_PHOTO_BYTES:
        params = {"megabytes": MAX_PHOTO_BYTES // (1024 * 1024)}
        raise ValidationError(PHOTO_TOO_LARGE, code="photo_too_large", params=params)
    image = _open_photo(upload)
    photo_format = image.format or ""
    pixels = _pixels_only(_in_srgb(ImageOps.exif_transpose(image)), photo_format)
    buffer = io.BytesIO()
    pixels.save(buffer, format=photo_format, **PHOTO_SAVE_OPTIONS[photo_format])
    return ContentFile(
        buffer.getvalue(), name=f"{uuid.uuid4().hex}.{PHOTO_EXTENSIONS[photo_format]}"
    )


def _open_photo(upload: File) -> Image.Image:
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in PHOTO_EXTENSIONS:
                raise UnidentifiedImageError
            if image.width * image.height > MAX_PHOTO_PIXELS:
                params = {"megapixels": MAX_PHOTO_PIXELS // 1_000_000}
                raise ValidationError(PHOTO_TOO_MANY_PIXELS, code="photo_pixels", params=params)
            image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning):
        raise ValidationError(PHOTO_NOT_AN_IMAGE, code="photo_not_an_image") from None
    return image


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def _in_srgb(image: Image.Image) -> Image.Image:
    """The image's colours in sRGB, so that dropping its ICC profile does not change them."""
    profile = image.info.get("icc_profile")
    if image.mode not in ("RGB", "RGBA", "L", "CMYK"):
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    if not profile or image.mode == "L":
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # an unreadable profile: keep the pixels as they are
    return converted or image


def _pixels_only(image: Image.Image, photo_format: str) -> Image.Image:
    """A new image made from the pixels alone: it carries none of the original's info."""
    if image.mode == "L":
        mode = "L"
    elif photo_format != "JPEG" and _has_alpha(image):
        mode = "RGBA"
    else:
        mode = "RGB"
    converted = image if image.mode == mode else image.convert(mode)
    return Image.frombytes(mode, converted.size, converted.tobytes())

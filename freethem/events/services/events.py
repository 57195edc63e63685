"""Writes to campaign events: creating and changing them, publishing and cancelling them, and
their photos. The staff area and the demo call these.

What a calendar shows of an event (its times, place, link, titles, descriptions and state) is
its calendar entry; each change to it raises the event's SEQUENCE (RFC 5545), so that the
calendars that imported or subscribed to it replace their copy. The UID never changes.
"""

import io
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image

from freethem.core.roles import is_organiser
from freethem.events.models import Event, EventPhoto, EventText
from freethem.events.services import rsvps
from freethem.events.vocab import State
from freethem.prisoners.services import photo_strip_metadata

# The fields of an event that its calendar entry shows.
CALENDAR_FIELDS = (
    "starts_at",
    "ends_at",
    "time_zone",
    "venue",
    "address",
    "city",
    "country",
    "online_url",
    "address_private",
    "state",
)
# A photo is shown on a web page: no need for more than this on its longer side.
PHOTO_MAX_EDGE = 2000

ONLY_DRAFTS_PUBLISH = _("Only a draft can be published.")
CANCELLED_ALREADY = _("This event is cancelled already.")

TextValues = Mapping[str, Mapping[str, str]]
Fingerprint = tuple[object, ...]


def calendar_fingerprint(event: Event) -> Fingerprint:
    """What the event's calendar entry shows, as saved: two fingerprints differ exactly when
    a calendar would show the event differently."""
    saved = Event.objects.get(pk=event.pk)
    texts = saved.texts.order_by("language").values_list("language", "title", "description")
    # Calendars keep whole seconds: a change under a second is none to them.
    values = (getattr(saved, name) for name in CALENDAR_FIELDS)
    shown = (v.replace(microsecond=0) if isinstance(v, datetime) else v for v in values)
    return (*shown, tuple(texts))


def event_revised(*, event: Event, before: Fingerprint) -> bool:
    """Raise the event's SEQUENCE if its calendar entry differs from `before` (taken with
    calendar_fingerprint before the change); whether it did."""
    if calendar_fingerprint(event) == before:
        return False
    Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1, updated_at=timezone.now())
    event.refresh_from_db(fields=["sequence", "updated_at"])
    return True


def _save_texts(event: Event, texts: TextValues) -> None:
    for language, values in texts.items():
        text = EventText.objects.filter(event=event, language=language).first()
        text = text or EventText(event=event, language=language)
        for name, value in values.items():
            setattr(text, name, value)
        text.full_clean()
        text.save()


def event_create(
    *,
    user: AbstractBaseUser | AnonymousUser | None = None,
    texts: TextValues | None = None,
    **fields: Any,
) -> Event:
    """A new event (a draft unless `state` says otherwise) with its texts by language
    ({"en": {"title": ..., "description": ...}}). A staff member who is not an organiser of
    the campaign becomes one of the event's organisers, so that they can manage it."""
    with transaction.atomic():
        event = Event(**fields)
        event.full_clean()
        event.save()
        _save_texts(event, texts or {})
        if user is not None and user.is_authenticated and not is_organiser(user):
            event.organisers.add(user)
    return event


def event_update(*, event: Event, texts: TextValues | None = None, **fields: Any) -> Event:
    """Change the event's fields and texts; its SEQUENCE goes up if its calendar entry
    changed. Cancel with event_cancel, which tells those who RSVPed."""
    with transaction.atomic():
        before = calendar_fingerprint(event)
        for name, value in fields.items():
            setattr(event, name, value)
        places_before = Event.objects.filter(pk=event.pk).values_list("capacity", flat=True).first()
        event.full_clean()
        event.save()
        _save_texts(event, texts or {})
        event_revised(event=event, before=before)
        if _more_places(places_before, event.capacity):
            # Places added: the first on the waiting list take them, and are mailed.
            rsvps.rsvps_fill(event=event)
    return event


def _more_places(before: int | None, after: int | None) -> bool:
    return before is not None and (after is None or after > before)


def event_publish(*, event: Event) -> Event:
    """Draft -> published: the event appears on the site and in the calendar feed."""
    with transaction.atomic():
        current = Event.objects.select_for_update().get(pk=event.pk)
        if current.state != State.DRAFT:
            raise ValidationError(ONLY_DRAFTS_PUBLISH, code="state")
        return event_update(event=event, state=State.PUBLISHED)


def event_cancel(*, event: Event) -> Event:
    """Published or draft -> cancelled: the event stays listed, marked cancelled, and its
    calendar entry says CANCELLED with a higher SEQUENCE; those who RSVPed are told."""
    with transaction.atomic():
        current = Event.objects.select_for_update().get(pk=event.pk)
        if current.state == State.CANCELLED:
            raise ValidationError(CANCELLED_ALREADY, code="state")
        event_update(event=event, state=State.CANCELLED)
        # Those who RSVPed are mailed (once per cancellation, however often it is pressed).
        rsvps.rsvps_event_cancelled(event)
    return event


# Photos ------------------------------------------------------------------------------------


def photo_clean(*, upload: File) -> ContentFile:
    """The photo as stored: its pixels only (no EXIF, GPS position, camera, time, profile or
    file name: freethem.prisoners.services.photo_strip_metadata), upright, no larger than
    PHOTO_MAX_EDGE on its longer side. ValidationError for what is not a photo we keep, or a
    file or image too large."""
    stripped = photo_strip_metadata(upload=upload)
    image = Image.open(io.BytesIO(stripped.read()))
    if max(image.size) <= PHOTO_MAX_EDGE:
        stripped.seek(0)
        return stripped
    photo_format = image.format or "JPEG"
    image.thumbnail((PHOTO_MAX_EDGE, PHOTO_MAX_EDGE), Image.Resampling.LANCZOS)
    smaller = Image.frombytes(image.mode, image.size, image.tobytes())
    buffer = io.BytesIO()
    smaller.save(buffer, format=photo_format, **({"quality": 88} if photo_format != "PNG" else {}))
    return ContentFile(buffer.getvalue(), name=stripped.name)


def event_photo_add(
    *, event: Event, upload: File, alt: str, caption: str = "", order: int = 0
) -> EventPhoto:
    """A photo of the event, stored without its metadata (photo_clean)."""
    photo = EventPhoto(event=event, alt=alt, caption=caption, order=order)
    photo.image = photo_clean(upload=upload)
    photo.full_clean()
    with transaction.atomic():
        photo.save()
    return photo

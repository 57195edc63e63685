"""Writes to campaign events with side effects (see each module)."""

from freethem.events.services.events import (
    PHOTO_MAX_EDGE,
    calendar_fingerprint,
    event_cancel,
    event_create,
    event_photo_add,
    event_publish,
    event_revised,
    event_update,
    photo_clean,
)

__all__ = [
    "PHOTO_MAX_EDGE",
    "calendar_fingerprint",
    "event_cancel",
    "event_create",
    "event_photo_add",
    "event_publish",
    "event_revised",
    "event_update",
    "photo_clean",
]

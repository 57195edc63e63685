"""Services of campaign events (see each module)."""

from freethem.events.services.rsvps import (
    RsvpClosed,
    places_left,
    rsvp_cancel,
    rsvp_confirm,
    rsvp_create,
    rsvp_from_key,
    rsvp_is_open,
    rsvp_mark_attended,
    rsvps_event_cancelled,
    rsvps_fill,
    rsvps_remind,
    waiting_position,
)

__all__ = [
    "RsvpClosed",
    "places_left",
    "rsvp_cancel",
    "rsvp_confirm",
    "rsvp_create",
    "rsvp_from_key",
    "rsvp_is_open",
    "rsvp_mark_attended",
    "rsvps_event_cancelled",
    "rsvps_fill",
    "rsvps_remind",
    "waiting_position",
]

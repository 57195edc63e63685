"""Campaign events' public views (see each module)."""

from freethem.events.views.ics import event_ics, feed
from freethem.events.views.pages import event_detail, event_list, photo
from freethem.events.views.rsvp import rsvp, rsvp_cancel, rsvp_manage, rsvp_sent

__all__ = [
    "event_detail",
    "event_ics",
    "event_list",
    "feed",
    "photo",
    "rsvp",
    "rsvp_cancel",
    "rsvp_manage",
    "rsvp_sent",
]

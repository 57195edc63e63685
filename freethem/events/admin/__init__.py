"""Campaign events in the staff area (see each module)."""

from freethem.events.admin import rsvps  # noqa: F401 - registers the participants' admin
from freethem.events.admin.events import EventAdmin  # noqa: F401 - registers

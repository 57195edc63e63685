"""Campaign events in the staff area (see each module)."""

from freethem.events.admin.events import EventAdmin  # noqa: F401 - registers

from freethem.events.admin import rsvps  # noqa: F401 - registers the participants' admin

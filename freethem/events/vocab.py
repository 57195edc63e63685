"""Campaign events' vocabularies."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    FORUM = "forum", _("forum")
    VIGIL = "vigil", _("vigil")
    RALLY = "rally", _("rally")
    ONLINE = "online", _("online meeting")
    OTHER = "other", _("other")


class State(models.TextChoices):
    """Published and cancelled events are public; a cancelled one stays listed, marked, and
    its calendar entry says CANCELLED."""

    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    CANCELLED = "cancelled", _("cancelled")


class RsvpState(models.TextChoices):
    """PENDING until the email is confirmed; then GOING, or WAITING when the event is full;
    CANCELLED by the person's link (a place then goes to the first on the waiting list)."""

    PENDING = "pending", _("not confirmed")
    GOING = "going", _("going")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


# The languages an event's text may be written in: the site's two, and those of the countries
# where the campaign's supporters gather.
TEXT_LANGUAGES = [
    ("en", _("English")),
    ("fa", _("Persian")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("nl", _("Dutch")),
    ("sv", _("Swedish")),
    ("no", _("Norwegian")),
    ("da", _("Danish")),
    ("tr", _("Turkish")),
    ("ar", _("Arabic")),
    ("ku", _("Kurdish")),
]

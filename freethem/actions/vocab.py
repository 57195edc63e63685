"""The vocabularies of the things supporters do: the action centre's kinds of action, urgent
actions, fundraising, volunteering, updates and mailings."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActionKind(models.TextChoices):
    """What an item of the action centre asks for: its button leads to the page where it is
    done, and its count is what that page counts (signatures, RSVPs, letters, gifts...).
    LINK is an organiser's own action, a link counted by "I did this"."""

    SIGN = "sign", _("sign the appeal")
    SHARE = "share", _("share the appeal")
    LETTER = "letter", _("write a letter")
    EVENT = "event", _("join an event")
    HOST = "host", _("host an event")
    REPRESENTATIVES = "representatives", _("contact your representatives")
    SUPPORT = "support", _("support the campaign")
    VOLUNTEER = "volunteer", _("volunteer")
    REPORT = "report", _("report a protest")
    FOLLOW = "follow", _("follow a prisoner")
    LINK = "link", _("another action")


class State(models.TextChoices):
    """Urgent actions, updates and fundraising drives: drafts are for staff only."""

    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class OfficialRole(models.TextChoices):
    TARGET = "target", _("write to")
    COPY = "copy", _("send a copy to")


class UpdateKind(models.TextChoices):
    NEWS = "news", _("news")
    PRESS_RELEASE = "press", _("press release")
    FACTSHEET = "factsheet", _("factsheet")
    STATEMENT = "statement", _("statement of support")
    PRISON_LETTER = "prison-letter", _("letter from prison")


class MediaKind(models.TextChoices):
    VIDEO = "video", _("video")
    AUDIO = "audio", _("audio")


class GiftSource(models.TextChoices):
    ONLINE = "online", _("online, through the payment processor")
    OFFLINE = "offline", _("offline, entered by staff")


class GiftState(models.TextChoices):
    """An online gift is PENDING from the redirect until the processor's webhook confirms it
    (CONFIRMED) or says it failed; a refund makes it REFUNDED. Only CONFIRMED gifts count."""

    PENDING = "pending", _("pending")
    CONFIRMED = "confirmed", _("confirmed")
    FAILED = "failed", _("failed")
    REFUNDED = "refunded", _("refunded")


class PaymentOutcome(models.TextChoices):
    """What an event of the payment processor's webhook did (PaymentEvent)."""

    CONFIRMED = "confirmed", _("gift confirmed")
    FAILED = "failed", _("gift marked failed")
    REFUNDED = "refunded", _("gift marked refunded")
    UNCHANGED = "unchanged", _("nothing to change")
    UNKNOWN = "unknown", _("no such gift here")
    IGNORED = "ignored", _("not an event we act on")


class Skill(models.TextChoices):
    TRANSLATION = "translation", _("translation")
    WRITING = "writing", _("writing")
    DESIGN = "design", _("design and video")
    SOCIAL = "social", _("social media")
    EVENTS = "events", _("organising events")
    RESEARCH = "research", _("research and documentation")
    LEGAL = "legal", _("legal")
    TECH = "tech", _("technology")
    FUNDRAISING = "fundraising", _("fundraising")
    PRESS = "press", _("press and media")


class Availability(models.TextChoices):
    FEW_HOURS = "monthly", _("a few hours a month")
    WEEKLY = "weekly", _("a few hours a week")
    EVENTS = "events", _("on event days")
    URGENT = "urgent", _("when something is urgent")


class VolunteerState(models.TextChoices):
    """Organisers' own notes of where a volunteer stands; never shown to the volunteer."""

    NEW = "new", _("new")
    CONTACTED = "contacted", _("contacted")
    ACTIVE = "active", _("active")
    INACTIVE = "inactive", _("inactive")


class FollowState(models.TextChoices):
    PENDING = "pending", _("not confirmed")
    CONFIRMED = "confirmed", _("following")
    STOPPED = "stopped", _("stopped")


class Audience(models.TextChoices):
    """Whom a mailing goes to; only those who opted in to it are ever mailed."""

    APPEAL_SIGNERS = "appeal", _("signers of an appeal who asked for updates")
    FOLLOWERS = "followers", _("followers of a prisoner")
    EVENT_RSVPS = "event", _("people who RSVPed to an event")


class MailingState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SENDING = "sending", _("sending")
    PAUSED = "paused", _("paused")
    SENT = "sent", _("sent")


class DeliveryState(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    SKIPPED = "skipped", _("skipped: unsubscribed since")


# Languages a model letter may be written in, beyond the site's two (ISO 639-1).
LETTER_LANGUAGES = [
    ("en", _("English")),
    ("fa", _("Persian")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("nl", _("Dutch")),
    ("sv", _("Swedish")),
    ("ar", _("Arabic")),
]

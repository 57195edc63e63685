"""Campaign events (forums, vigils, rallies, online meetings) and the RSVPs to them.

An event's title and description are kept per language (EventText). Its start and end are
aware datetimes, shown in the event's own time zone. RSVPs are personal data, kept as
signatures are: name and email encrypted, a keyed hash of the email to find duplicates, and
only the event's organisers (or an organiser of the campaign) see them.
"""

import uuid
from typing import TYPE_CHECKING
from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from freethem.core.crypto import EncryptedTextField
from freethem.core.roles import is_organiser
from freethem.events.vocab import TEXT_LANGUAGES, Kind, RsvpState, State

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


# Addresses under /events/ that are not events' (a person's RSVP links live under rsvp/).
RESERVED_SLUGS = frozenset({"rsvp"})
SLUG_RESERVED = _("This address is used by the site; choose another.")


def validate_time_zone(name: str) -> None:
    if name not in available_timezones():
        raise ValidationError(_("Choose a time zone from the list."), code="time_zone")


class EventQuerySet(models.QuerySet):
    def public(self) -> "EventQuerySet":
        """The one statement of "public": published and cancelled events (drafts never)."""
        return self.filter(state__in=(State.PUBLISHED, State.CANCELLED))

    def upcoming(self) -> "EventQuerySet":
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def past(self) -> "EventQuerySet":
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at")

    def managed_by(self, user: "AbstractBaseUser | AnonymousUser") -> "EventQuerySet":
        """The events this staff member may manage, and whose RSVPs they may see: all of them
        for an organiser of the campaign, those they organise for the events role."""
        if is_organiser(user):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisers=user)


class Event(models.Model):
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    language = models.CharField(
        _("main language"),
        max_length=10,
        default="en",
        help_text=_("The language shown when the page's language has no text."),
    )

    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/London",
        validators=[validate_time_zone],
        help_text=_("Where the event takes place; times are shown in it."),
    )

    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    address_private = models.BooleanField(
        _("address and link only for those who RSVP"),
        default=False,
        help_text=_("The public page shows the city; the confirmation mail gives the rest."),
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )

    contact_name = models.CharField(_("organiser's name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("organiser's email"), blank=True)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organised_events",
        verbose_name=_("organisers"),
        help_text=_("Staff with the events role who manage this event and see its RSVPs."),
    )
    prisoners = models.ManyToManyField(
        "prisoners.Person", blank=True, related_name="events_for", verbose_name=_("prisoners")
    )
    appeal = models.ForeignKey(
        "appeals.Appeal",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("appeal"),
    )

    # The calendar entry's identity (RFC 5545): the UID never changes; SEQUENCE goes up each
    # time what a calendar shows changes (Event services bump it).
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)

    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["state", "starts_at"], name="event_state_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.slug

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])

    def clean(self) -> None:
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": SLUG_RESERVED})

    def text(self, language: str | None = None) -> "EventText | None":
        """The title and description in this language (the page's by default), else in the
        event's main language, else any."""
        texts = {t.language: t for t in self.texts.all()}
        for code in (language or get_language() or "en", self.language):
            if code in texts:
                return texts[code]
        return next(iter(texts.values()), None)

    @property
    def title(self) -> str:
        text = self.text()
        return text.title if text else ""

    @property
    def is_cancelled(self) -> bool:
        return self.state == State.CANCELLED


class EventText(models.Model):
    event = models.ForeignKey(Event, models.CASCADE, related_name="texts", verbose_name=_("event"))
    language = models.CharField(_("language"), max_length=10, choices=TEXT_LANGUAGES, default="en")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    report = models.TextField(
        _("report"), blank=True, help_text=_("After the event: what happened, for its page.")
    )

    class Meta:
        verbose_name = _("text")
        verbose_name_plural = _("texts")
        constraints = [
            models.UniqueConstraint(fields=["event", "language"], name="one_text_per_language")
        ]

    def __str__(self) -> str:
        return self.title


class EventPhoto(models.Model):
    """A photo of the event, for its report. Uploads are stripped of EXIF (place, camera,
    time) before they are stored."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="photos", verbose_name=_("event"))
    image = models.ImageField(_("photo"), upload_to="events/")
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    alt = models.CharField(_("description for screen readers"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.caption or self.alt


class RsvpQuerySet(models.QuerySet):
    def going(self) -> "RsvpQuerySet":
        return self.filter(state=RsvpState.GOING)

    def waiting(self) -> "RsvpQuerySet":
        """The waiting list, first come first served."""
        return self.filter(state=RsvpState.WAITING).order_by("confirmed_at", "pk")


class Rsvp(models.Model):
    event = models.ForeignKey(Event, models.CASCADE, related_name="rsvps", verbose_name=_("event"))
    name = EncryptedTextField(_("name"))
    email = EncryptedTextField(_("email"))
    email_hash = models.CharField(max_length=64, help_text=_("Keyed hash of the normalised email."))
    state = models.CharField(
        _("state"), max_length=10, choices=RsvpState.choices, default=RsvpState.PENDING
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    # The secret in the person's links (confirm, cancel); stored as a keyed hash would be
    # safer still, but the mails must carry it, as the signatures' links do.
    link_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    objects = RsvpQuerySet.as_manager()

    class Meta:
        verbose_name = _("RSVP")
        verbose_name_plural = _("RSVPs")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["event", "email_hash"], name="one_rsvp_per_email")
        ]
        indexes = [models.Index(fields=["event", "state", "confirmed_at"], name="rsvp_state")]

    def __str__(self) -> str:
        return str(_("RSVP %(id)s") % {"id": self.pk})

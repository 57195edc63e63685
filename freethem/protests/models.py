"""The protest tracker: one record per place per day (ACLED's rule), with ACLED's fields and the
Crowd Counting Consortium's (crowd size, claims, participant groups, arrests, injuries), each
citing its sources; and the reports the public sends in, until staff decide on them.

A record is inside Iran when its country is Iran, and a solidarity protest abroad otherwise.
Only published records are public; their coordinates are shown no finer than the town
(Protest.public_point).
"""

from decimal import ROUND_HALF_EVEN, Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from freethem.core.crypto import EncryptedTextField
from freethem.protests.vocab import (
    ActorType,
    EventType,
    GeoPrecision,
    Province,
    ReportState,
    State,
    SubEventType,
    TimePrecision,
)

IRAN = "IR"
# Public coordinates are rounded to this many decimal places: 0.1 degree is about 11 km, the
# size of a town, so a published point never shows a street or a square.
PUBLIC_DECIMALS = 1


class ParticipantGroup(models.Model):
    """Who took part, as the Crowd Counting Consortium groups them (workers, retirees, ...)."""

    slug = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100)
    name_fa = models.CharField(_("name in Persian"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("participant group")
        verbose_name_plural = _("participant groups")
        ordering = ["order", "name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_fa if get_language() == "fa" and self.name_fa else self.name_en


class Wave(models.Model):
    """A coordinated day (or days) of action: the records of one wave share its code."""

    code = models.SlugField(_("wave code"), max_length=60, unique=True)
    name_en = models.CharField(_("name in English"), max_length=200)
    name_fa = models.CharField(_("name in Persian"), max_length=200, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_fa if get_language() == "fa" and self.name_fa else self.name_en


class ProtestQuerySet(models.QuerySet):
    def published(self) -> "ProtestQuerySet":
        """The one statement of "public": every public page, count and export filters here."""
        return self.filter(state=State.PUBLISHED)

    def inside(self) -> "ProtestQuerySet":
        return self.filter(country=IRAN)

    def abroad(self) -> "ProtestQuerySet":
        return self.exclude(country=IRAN)


class Protest(models.Model):
    # Our records' ids start with "FT" (ACLED's are the country's ISO 3166 alpha-3 code and a
    # number, "IRN1234"), so ours never collide with an imported ACLED record's.
    event_id = models.CharField(
        _("event id"),
        max_length=40,
        unique=True,
        help_text=_("ACLED's event_id_cnty for imported records; FT… for ours."),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)

    # When (ACLED: event_date, time_precision).
    date = models.DateField(_("date"))
    time_precision = models.PositiveSmallIntegerField(
        _("time precision"), choices=TimePrecision.choices, default=TimePrecision.DAY
    )

    # What (ACLED: disorder_type, event_type, sub_event_type).
    disorder_type = models.CharField(
        _("disorder type"), max_length=60, default="Demonstrations", blank=True
    )
    event_type = models.CharField(
        _("event type"), max_length=20, choices=EventType.choices, default=EventType.PROTESTS
    )
    sub_event_type = models.CharField(
        _("sub-event type"),
        max_length=40,
        choices=SubEventType.choices,
        default=SubEventType.PEACEFUL,
    )

    # Who (ACLED: actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction,
    # civilian_targeting). Associated actors are ACLED's "; "-separated lists.
    actor1 = models.CharField(_("actor"), max_length=200)
    assoc_actor_1 = models.TextField(_("associated actors"), blank=True)
    # ACLED's exports write the actor types and their interaction as text since 2024
    # ("Protesters", "State forces-Protesters"; the API's inter_num=1 still gives codes).
    inter1 = models.CharField(
        _("actor's type"), max_length=30, choices=ActorType.choices, blank=True
    )
    actor2 = models.CharField(_("second actor"), max_length=200, blank=True)
    assoc_actor_2 = models.TextField(_("second actor's associated actors"), blank=True)
    inter2 = models.CharField(
        _("second actor's type"), max_length=30, choices=ActorType.choices, blank=True
    )
    interaction = models.CharField(
        _("interaction"),
        max_length=60,
        blank=True,
        help_text=_('ACLED\'s text: "Protesters only", "State forces-Protesters", …'),
    )
    civilian_targeting = models.CharField(_("civilian targeting"), max_length=40, blank=True)

    # Where (ACLED: iso, region, country, admin1-3, location, latitude, longitude,
    # geo_precision). Inside Iran the province is its ISO 3166-2 code; abroad, admin1 is the
    # source's first-level division as text.
    country = CountryField(_("country"), default=IRAN)
    region = models.CharField(_("region"), max_length=60, blank=True, default="Middle East")
    province = models.CharField(_("province"), max_length=5, choices=Province.choices, blank=True)
    admin1 = models.CharField(_("first-level division (outside Iran)"), max_length=100, blank=True)
    admin2 = models.CharField(_("county"), max_length=100, blank=True)
    admin3 = models.CharField(_("district"), max_length=100, blank=True)
    location = models.CharField(_("location (town)"), max_length=200)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    geo_precision = models.PositiveSmallIntegerField(
        _("geo precision"), choices=GeoPrecision.choices, default=GeoPrecision.TOWN
    )

    # Reported (ACLED: source, source_scale, notes, fatalities, tags, timestamp). The sources
    # themselves are ProtestSource rows; `source` is ACLED's text, kept as imported.
    source = models.TextField(_("source (as ACLED gives it)"), blank=True)
    source_scale = models.CharField(_("source scale"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    notes_fa = models.TextField(_("notes in Persian"), blank=True)
    fatalities = models.PositiveIntegerField(
        _("fatalities"), default=0, help_text=_("The lowest figure reported.")
    )
    tags = models.TextField(_("tags"), blank=True)
    acled_timestamp = models.PositiveBigIntegerField(_("ACLED timestamp"), null=True, blank=True)

    # The Crowd Counting Consortium's fields.
    size_low = models.PositiveIntegerField(_("crowd size, low estimate"), null=True, blank=True)
    size_high = models.PositiveIntegerField(_("crowd size, high estimate"), null=True, blank=True)
    size_text = models.CharField(_("crowd size in the source's words"), max_length=200, blank=True)
    claims = models.TextField(
        _("claims"), blank=True, help_text=_('One per line: "for …" or "against …".')
    )
    groups = models.ManyToManyField(
        ParticipantGroup, blank=True, related_name="protests", verbose_name=_("participants")
    )
    arrests = models.PositiveIntegerField(_("arrests"), null=True, blank=True)
    injuries = models.PositiveIntegerField(_("injuries"), null=True, blank=True)
    deaths = models.PositiveIntegerField(_("deaths"), null=True, blank=True)
    wave = models.ForeignKey(
        Wave,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="protests",
        verbose_name=_("wave"),
    )

    prisoners = models.ManyToManyField(
        "prisoners.Person", blank=True, related_name="protests", verbose_name=_("prisoners")
    )
    # A record merged into another keeps its row, pointing at the one that absorbed it, so
    # that links to it and an import of its id still find the record.
    merged_into = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("merged into"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProtestQuerySet.as_manager()

    class Meta:
        verbose_name = _("protest")
        verbose_name_plural = _("protests")
        ordering = ["-date", "location"]
        indexes = [
            models.Index(fields=["state", "date"], name="protest_state_date"),
            models.Index(fields=["state", "province", "date"], name="protest_province"),
            models.Index(fields=["state", "country", "date"], name="protest_country"),
            models.Index(fields=["date", "location"], name="protest_place_day"),
            # The public list in its order (latest first, then by town), from the index alone:
            # its first and its deepest pages alike.
            models.Index(fields=["state", "-date", "location", "id"], name="protest_public_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(size_low__isnull=True)
                | Q(size_high__isnull=True)
                | Q(size_low__lte=models.F("size_high")),
                name="protest_size_low_not_above_high",
            ),
            models.CheckConstraint(
                condition=~Q(country=IRAN) | ~Q(province="") | Q(state=State.DRAFT),
                name="protest_in_iran_has_province",
            ),
            # A merged record lives on only as the way to the one that absorbed it: never
            # listed, counted or exported itself.
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | Q(state=State.ARCHIVED),
                name="protest_merged_is_archived",
                violation_error_message=_("A record merged into another is archived."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.date} {self.location}"

    def get_absolute_url(self) -> str:
        return reverse("protests:detail", args=[self.event_id])

    @property
    def inside_iran(self) -> bool:
        return self.country == IRAN

    @property
    def public_point(self) -> tuple[Decimal, Decimal] | None:
        """The coordinates a public page, map or export may show: no finer than the town."""
        if self.latitude is None or self.longitude is None:
            return None
        step = Decimal(1).scaleb(-PUBLIC_DECIMALS)
        return (
            Decimal(self.latitude).quantize(step, ROUND_HALF_EVEN),
            Decimal(self.longitude).quantize(step, ROUND_HALF_EVEN),
        )


class ProtestSource(models.Model):
    """A source a record cites: every published record cites at least one."""

    protest = models.ForeignKey(
        Protest, models.CASCADE, related_name="sources", verbose_name=_("protest")
    )
    name = models.CharField(_("source"), max_length=200)
    url = models.URLField(_("address (URL)"), max_length=500, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    scale = models.CharField(_("scale"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class ProtestReport(models.Model):
    """A protest reported through the public form. Nothing here is public; staff turn a report
    into a draft record (or reject it). No exact location of the reporter is kept: no IP, no
    coordinates, only the town the protest was in."""

    state = models.CharField(
        _("state"), max_length=10, choices=ReportState.choices, default=ReportState.NEW
    )
    date = models.DateField(_("date"))
    country = CountryField(_("country"), default=IRAN)
    province = models.CharField(_("province"), max_length=5, choices=Province.choices, blank=True)
    location = models.CharField(_("town"), max_length=200)
    description = models.TextField(_("what happened"))
    size_text = models.CharField(_("how many people"), max_length=200, blank=True)
    groups = models.ManyToManyField(
        ParticipantGroup, blank=True, related_name="reports", verbose_name=_("who took part")
    )
    links = models.TextField(_("links to reports, photos or videos"), blank=True)
    # The reporter's way to be reached, optional and encrypted; shown to organisers only.
    contact = EncryptedTextField(_("reporter's contact"), blank=True, default="")
    language = models.CharField(_("language"), max_length=10, default="en")
    protest = models.ForeignKey(
        Protest,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("record"),
    )
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    # The contact is erased some time after the decision (services.moderation.CONTACT_KEPT).
    contact_erased_at = models.DateTimeField(_("contact erased at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report from the public")
        verbose_name_plural = _("reports from the public")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "created_at"], name="report_state")]

    def __str__(self) -> str:
        return f"{self.date} {self.location}"

"""The case database: people, their cases and sentences, a dated timeline, and sources.

Dates from sources are partial: each keeps the Gregorian date, its precision, the calendar
the source used and the text as the source gave it (see freethem.core.dates).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear, TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from freethem.core.dates import Calendar, PartialDate, Precision
from freethem.prisoners.vocab import (
    AppealOutcome,
    ArrestingBody,
    CustodyStatus,
    Ethnicity,
    EventKind,
    LawyerAccess,
    NameKind,
    PhotoVisibility,
    Province,
    Publication,
    Reliability,
    Religion,
    SentenceKind,
    Sex,
    SourceKind,
    Verification,
)
from freethem.prisoners.years import arrested_in, parse_year


def precision_field() -> models.CharField:
    return models.CharField(
        _("precision"), max_length=8, choices=Precision.choices, default=Precision.UNKNOWN
    )


def calendar_field() -> models.CharField:
    return models.CharField(
        _("calendar"), max_length=10, choices=Calendar.choices, default=Calendar.GREGORIAN
    )


def date_text_field() -> models.CharField:
    return models.CharField(_("date as the source gives it"), max_length=64, blank=True)


def published(path: str = "") -> Q:
    """The one statement of the rule "published": the people the public may see, and nobody
    else. path leads from another model to the person ("person__" from a case, "people__"
    from a prison); every public page, count and export filters through this."""
    return Q(**{f"{path}publication": Publication.PUBLISHED})


class Bilingual(models.Model):
    """A directory entry named in both languages."""

    name_en = models.CharField(_("name in English"), max_length=200)
    name_fa = models.CharField(_("name in Persian"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_fa if get_language() == "fa" and self.name_fa else self.name_en


class CategoryQuerySet(models.QuerySet["Category"]):
    def with_published_count(self) -> "CategoryQuerySet":
        """The categories that hold a published person, each with n: how many."""
        return self.annotate(n=Count("person", filter=published("person__"))).filter(n__gt=0)


class Category(Bilingual):
    slug = models.SlugField(_("slug"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "name_en"]


class PrisonQuerySet(models.QuerySet["Prison"]):
    def with_published_count(self) -> "PrisonQuerySet":
        """The prisons that hold a published person, each with n: how many."""
        return self.annotate(n=Count("people", filter=published("people__"))).filter(n__gt=0)


class Prison(Bilingual):
    slug = models.SlugField(_("slug"), unique=True)
    province = models.CharField(_("province"), max_length=32, choices=Province.choices)
    city_en = models.CharField(_("city in English"), max_length=100, blank=True)
    city_fa = models.CharField(_("city in Persian"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = PrisonQuerySet.as_manager()

    class Meta:
        verbose_name = _("prison")
        verbose_name_plural = _("prisons")
        ordering = ["name_en"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__range=(-90, 90)),
                name="prison_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True) | models.Q(longitude__range=(-180, 180)),
                name="prison_longitude_range",
            ),
        ]


class Court(Bilingual):
    province = models.CharField(_("province"), max_length=32, choices=Province.choices, blank=True)

    class Meta:
        verbose_name = _("court")
        verbose_name_plural = _("courts")
        ordering = ["name_en"]


class Judge(Bilingual):
    slug = models.SlugField(_("slug"), unique=True)
    court = models.ForeignKey(
        Court, models.SET_NULL, null=True, blank=True, verbose_name=_("court")
    )
    profile_en = models.TextField(_("profile in English"), blank=True)
    profile_fa = models.TextField(_("profile in Persian"), blank=True)

    class Meta:
        verbose_name = _("judge")
        verbose_name_plural = _("judges")
        ordering = ["name_en"]


class Charge(Bilingual):
    article = models.CharField(
        _("Penal Code article"),
        max_length=40,
        blank=True,
        help_text=_("For example 610 (assembly and collusion against national security)."),
    )

    class Meta:
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return f"{self.name} ({self.article})" if self.article else self.name


class Source(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=SourceKind.choices)
    title = models.CharField(_("title"), max_length=300)
    # A source has one language, but its readers two: Persian pages show this translation of
    # a title in another language, so a Persian reader can tell what the source is about.
    title_fa = models.CharField(
        _("title in Persian"),
        max_length=300,
        blank=True,
        help_text=_(
            "A translation of the title, for Persian pages, when the source is not in Persian."
        ),
    )
    url = models.URLField(_("address (URL)"), max_length=500, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    language = models.CharField(
        _("language"), max_length=8, default="fa", help_text=_("fa, en, ...")
    )
    reliability = models.CharField(
        _("reliability"), max_length=8, choices=Reliability.choices, default=Reliability.UNKNOWN
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-published_on", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        """The title in the page's language when the source has it, else the original."""
        return self.title_fa if get_language() == "fa" and self.title_fa else self.title


class PersonQuerySet(models.QuerySet["Person"]):
    def published(self) -> "PersonQuerySet":
        return self.filter(published())

    def held(self) -> "PersonQuerySet":
        return self.filter(custody_status__in=CustodyStatus.held())

    def search(self, q: str) -> "PersonQuerySet":
        """These people that match q, best first, each with its rank (see
        freethem.prisoners.search); all of them, unranked, when q is blank."""
        from freethem.prisoners.search import search  # search reads models: import it late

        return search(self, q)

    def narrow(
        self, filters: Mapping[str, Sequence[str]], *, leave_out: str = ""
    ) -> "PersonQuerySet":
        """These people narrowed by every filter given except leave_out. filters maps a
        filter of the list page (status, category, prison, province, sex, year) to the values
        chosen: values of one filter are alternatives, different filters narrow each other."""
        people = self
        for key, values in filters.items():
            if values and key != leave_out:
                people = people.filter(matching(key, values))
        return people

    def count_by(self, group: F | ExtractYear) -> dict[str, int]:
        """How many of these people there are for each value of group (people without one
        are not counted), each person once per value."""
        rows = (
            self.order_by()
            .values(value=group)
            .annotate(n=Count("pk", distinct=True))
            .filter(value__isnull=False)
            .values_list("value", "n")
        )
        return {str(value): n for value, n in rows}


def matching(key: str, values: Sequence[str]) -> Q:
    """People matching any of values of one filter. Many-valued relations (categories, cases)
    go through a subquery, so a person matching twice is still listed once."""
    if key == "status":
        return Q(custody_status__in=values)
    if key == "prison":
        return Q(current_prison__slug__in=values)
    if key == "province":
        return Q(current_prison__province__in=values)
    if key == "sex":
        return Q(sex__in=values)
    if key == "category":
        chosen = Person.categories.through.objects.filter(category__slug__in=values)
        return Q(pk__in=chosen.values("person_id"))
    if key == "year":  # Gregorian or Solar Hijri (see freethem.prisoners.years)
        arrested = Q()
        for year in filter(None, map(parse_year, values)):
            arrested |= arrested_in(year)
        return Q(pk__in=Case.objects.filter(arrested).values("person_id"))
    raise KeyError(key)


@dataclass(frozen=True)
class SentenceTotals:
    """A person's prison terms added up over all their cases, in months, their lashes, and
    whether any court sentenced them to death. enforceable_months is None when the enforceable
    part of a term is not known."""

    imposed_months: int
    enforceable_months: int | None
    lashes: int
    death: bool

    def __bool__(self) -> bool:
        return bool(self.imposed_months or self.lashes or self.death)


class Person(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name_fa = models.CharField(_("name in Persian script"), max_length=200)
    name_latin = models.CharField(_("name in Latin script"), max_length=200)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, default=Sex.UNKNOWN)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    birth_date_precision = precision_field()
    birth_date_calendar = calendar_field()
    birth_date_text = date_text_field()
    birthplace_en = models.CharField(_("birthplace in English"), max_length=200, blank=True)
    birthplace_fa = models.CharField(_("birthplace in Persian"), max_length=200, blank=True)
    citizenships = CountryField(_("citizenships"), multiple=True, blank=True)
    ethnicity = models.CharField(
        _("ethnicity"), max_length=16, choices=Ethnicity.choices, blank=True
    )
    religion = models.CharField(_("religion"), max_length=16, choices=Religion.choices, blank=True)
    occupation_en = models.CharField(_("occupation in English"), max_length=200, blank=True)
    occupation_fa = models.CharField(_("occupation in Persian"), max_length=200, blank=True)
    categories = models.ManyToManyField(Category, blank=True, verbose_name=_("categories"))
    summary_en = models.TextField(_("public summary in English"), blank=True)
    summary_fa = models.TextField(_("public summary in Persian"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="prisoners/", blank=True)
    photo_visibility = models.CharField(
        _("photo visibility"),
        max_length=8,
        choices=PhotoVisibility.choices,
        default=PhotoVisibility.STAFF,
    )
    photo_credit = models.CharField(_("photo credit"), max_length=200, blank=True)

    # Status on three separate axes.
    custody_status = models.CharField(
        _("custody status"),
        max_length=16,
        choices=CustodyStatus.choices,
        default=CustodyStatus.UNKNOWN,
        db_index=True,
    )
    current_prison = models.ForeignKey(
        Prison,
        models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("held in"),
        related_name="people",
    )
    designated_political_prisoner = models.BooleanField(
        _("designated a political prisoner"), default=False
    )
    designated_by = models.CharField(_("designated by"), max_length=200, blank=True)
    designated_on = models.DateField(_("designated on"), null=True, blank=True)
    verification = models.CharField(
        _("verification"),
        max_length=10,
        choices=Verification.choices,
        default=Verification.UNVERIFIED,
    )

    publication = models.CharField(
        _("publication"),
        max_length=10,
        choices=Publication.choices,
        default=Publication.DRAFT,
        db_index=True,
    )
    # Private: never on a public page, export or API.
    family_contacts = models.TextField(_("family contacts (private)"), blank=True)
    researcher_notes = models.TextField(_("researcher notes (private)"), blank=True)

    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("prisoner")
        verbose_name_plural = _("prisoners")
        ordering = ["name_latin"]

    def __str__(self) -> str:
        return f"{self.name_latin} / {self.name_fa}"

    def get_absolute_url(self) -> str:
        return reverse("prisoners:detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        """Whether the public may see this person: the row-level side of published()."""
        return self.publication == Publication.PUBLISHED

    @property
    def name(self) -> str:
        """The name in the script of the page's language."""
        return self.name_fa if get_language() == "fa" else self.name_latin

    @property
    def other_script_name(self) -> str:
        return self.name_latin if get_language() == "fa" else self.name_fa

    @property
    def summary(self) -> str:
        if get_language() == "fa":
            return self.summary_fa or self.summary_en
        return self.summary_en or self.summary_fa

    @property
    def birth(self) -> PartialDate:
        return partial_date(self, "birth_date")

    @property
    def photo_is_public(self) -> bool:
        return bool(self.photo) and self.photo_visibility == PhotoVisibility.PUBLIC

    @property
    def arrested_on(self) -> date | None:
        """The date of the latest arrest, if any case gives one."""
        dates = [case.arrested_on for case in self.cases.all() if case.arrested_on]
        return max(dates, default=None)

    @property
    def days_detained(self) -> int | None:
        """Days since the latest arrest while the person is held; None when not held."""
        arrested = self.arrested_on
        if arrested is None or self.custody_status not in CustodyStatus.held():
            return None
        return (timezone.localdate() - arrested).days

    @property
    def sentence_totals(self) -> SentenceTotals:
        """The sentences of all the person's cases added up (prefetch cases__sentences)."""
        sentences = [sentence for case in self.cases.all() for sentence in case.sentences.all()]
        prison = [s for s in sentences if s.kind == SentenceKind.PRISON and s.imposed]
        # A suspended term is not served, so none of it is enforceable.
        enforceable = [0 if s.suspended else s.enforceable for s in prison]
        known = [months for months in enforceable if months is not None]
        return SentenceTotals(
            imposed_months=sum(s.imposed or 0 for s in prison),
            enforceable_months=sum(known) if len(known) == len(enforceable) else None,
            lashes=sum(s.imposed or 0 for s in sentences if s.kind == SentenceKind.LASHES),
            death=any(s.kind == SentenceKind.DEATH and not s.suspended for s in sentences),
        )


class PersonName(models.Model):
    person = models.ForeignKey(Person, models.CASCADE, related_name="other_names")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=8, choices=NameKind.choices, default=NameKind.VARIANT
    )

    class Meta:
        verbose_name = _("other name")
        verbose_name_plural = _("other names and spellings")
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="person_name_once"),
        ]

    def __str__(self) -> str:
        return self.name


class CaseQuerySet(models.QuerySet["Case"]):
    def published(self) -> "CaseQuerySet":
        """The cases of published people."""
        return self.filter(published("person__"))

    def arrests_per_month(self) -> tuple[dict[date, int], int]:
        """How many of these cases began with an arrest in each month, and how many arrests
        are dated only to the year (so belong to no month)."""
        arrests = self.filter(arrested_on__isnull=False)
        by_month = arrests.filter(arrested_on_precision__in=[Precision.DAY, Precision.MONTH])
        rows = (
            by_month.annotate(month=TruncMonth("arrested_on"))
            .order_by()
            .values_list("month")
            .annotate(n=Count("pk"))
            .values_list("month", "n")
        )
        return dict(rows), arrests.count() - by_month.count()


class Case(models.Model):
    person = models.ForeignKey(
        Person, models.CASCADE, related_name="cases", verbose_name=_("prisoner")
    )
    arrested_on = models.DateField(_("arrest date"), null=True, blank=True)
    arrested_on_precision = precision_field()
    arrested_on_calendar = calendar_field()
    arrested_on_text = date_text_field()
    arrest_place_en = models.CharField(_("place of arrest in English"), max_length=200, blank=True)
    arrest_place_fa = models.CharField(_("place of arrest in Persian"), max_length=200, blank=True)
    arresting_body = models.CharField(
        _("arrested by"), max_length=12, choices=ArrestingBody.choices, blank=True
    )
    held_incommunicado = models.BooleanField(_("held incommunicado"), default=False)
    charges = models.ManyToManyField(Charge, blank=True, verbose_name=_("charges"))
    court = models.ForeignKey(
        Court, models.SET_NULL, null=True, blank=True, verbose_name=_("court")
    )
    court_branch = models.CharField(_("branch"), max_length=40, blank=True)
    judge = models.ForeignKey(
        Judge, models.SET_NULL, null=True, blank=True, verbose_name=_("judge")
    )
    lawyer = models.CharField(_("lawyer"), max_length=200, blank=True)
    lawyer_access = models.CharField(
        _("access to a lawyer"), max_length=14, choices=LawyerAccess.choices, blank=True
    )
    verdict_on = models.DateField(_("verdict date"), null=True, blank=True)
    verdict_on_precision = precision_field()
    verdict_on_calendar = calendar_field()
    verdict_on_text = date_text_field()
    verdict_en = models.TextField(_("verdict in English"), blank=True)
    verdict_fa = models.TextField(_("verdict in Persian"), blank=True)
    appeal_outcome = models.CharField(
        _("appeal"), max_length=10, choices=AppealOutcome.choices, blank=True
    )
    prison = models.ForeignKey(
        Prison, models.SET_NULL, null=True, blank=True, verbose_name=_("prison")
    )
    sources = models.ManyToManyField(Source, blank=True, verbose_name=_("sources"))

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["arrested_on", "pk"]
        # A year of arrest (the list's filter, a year typed in the search box) is a range of
        # dates whose people this index gives without reading a case row.
        indexes = [models.Index(fields=["arrested_on", "person"], name="case_arrested_person")]

    def __str__(self) -> str:
        return f"{self.person.name_latin}: {self.arrested_on_text or self.arrested_on or '?'}"

    @property
    def arrested(self) -> PartialDate:
        return partial_date(self, "arrested_on")

    @property
    def verdict(self) -> PartialDate:
        return partial_date(self, "verdict_on")


class Sentence(models.Model):
    """One component of a sentence. Imposed and enforceable amounts are kept apart: a court
    may impose 33 years of which 12 are enforceable (the most severe single term)."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="sentences", verbose_name=_("case"))
    kind = models.CharField(_("kind"), max_length=10, choices=SentenceKind.choices)
    imposed = models.PositiveIntegerField(
        _("imposed"),
        null=True,
        blank=True,
        help_text=_(
            "Months for prison terms, exile and bans; the number of lashes; the fine in rials."
        ),
    )
    enforceable = models.PositiveIntegerField(
        _("enforceable"),
        null=True,
        blank=True,
        help_text=_("The part that can actually be enforced, in the same unit; empty if unknown."),
    )
    place_en = models.CharField(_("place of exile in English"), max_length=200, blank=True)
    place_fa = models.CharField(_("place of exile in Persian"), max_length=200, blank=True)
    suspended = models.BooleanField(_("suspended"), default=False)
    sources = models.ManyToManyField(Source, verbose_name=_("sources"))

    class Meta:
        verbose_name = _("sentence")
        verbose_name_plural = _("sentences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(enforceable__isnull=True)
                | models.Q(imposed__isnull=True)
                | models.Q(enforceable__lte=models.F("imposed")),
                name="sentence_enforceable_within_imposed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.imposed or ''}".strip()


class Event(models.Model):
    person = models.ForeignKey(
        Person, models.CASCADE, related_name="events", verbose_name=_("prisoner")
    )
    case = models.ForeignKey(
        Case, models.SET_NULL, null=True, blank=True, related_name="events", verbose_name=_("case")
    )
    kind = models.CharField(_("what happened"), max_length=18, choices=EventKind.choices)
    occurred_on = models.DateField(_("date"), null=True, blank=True, db_index=True)
    occurred_on_precision = precision_field()
    occurred_on_calendar = calendar_field()
    occurred_on_text = date_text_field()
    place_en = models.CharField(_("place in English"), max_length=200, blank=True)
    place_fa = models.CharField(_("place in Persian"), max_length=200, blank=True)
    prison = models.ForeignKey(
        Prison, models.SET_NULL, null=True, blank=True, verbose_name=_("prison")
    )
    description_en = models.TextField(_("description in English"), blank=True)
    description_fa = models.TextField(_("description in Persian"), blank=True)
    sources = models.ManyToManyField(Source, blank=True, verbose_name=_("sources"))

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline")
        ordering = ["occurred_on", "pk"]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} {self.occurred_on_text or self.occurred_on or ''}".strip()
        )

    @property
    def occurred(self) -> PartialDate:
        return partial_date(self, "occurred_on")

    @property
    def description(self) -> str:
        if get_language() == "fa":
            return self.description_fa or self.description_en
        return self.description_en or self.description_fa


class SearchTerm(models.Model):
    """The search index: one row per word key, spelled name word or exact whole name of a
    person (see freethem.prisoners.search).

    Rows are rebuilt by freethem.prisoners.search.index_person whenever a person's names or
    summaries change, and for everyone by a migration whenever the keys change. A query looks
    keys up by range on the (kind, term, person) index, which covers it: no table row is read
    per match.
    """

    class Kind(models.IntegerChoices):
        EXACT = 1, _("exact name")
        NAME = 2, _("name word")
        TEXT = 3, _("summary word")
        WORD = 4, _("name word as spelled")

    person = models.ForeignKey(Person, models.CASCADE, related_name="search_terms")
    kind = models.PositiveSmallIntegerField(choices=Kind.choices)
    term = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["kind", "term", "person"], name="search_kind_term")]
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "term"], name="search_term_once"),
        ]

    def __str__(self) -> str:
        return self.term


def partial_date(instance: models.Model, field: str) -> PartialDate:
    return PartialDate(
        date=getattr(instance, field),
        precision=Precision(getattr(instance, f"{field}_precision")),
        calendar=Calendar(getattr(instance, f"{field}_calendar")),
        text=getattr(instance, f"{field}_text"),
    )

"""The row checker: every cell of every row read into a Protest's values, every problem
collected as a RowError naming the row and the column. Nothing is written here.

Ids: an ACLED id ("IRN1234") creates its record or updates the one already imported with it,
so importing the same file again changes nothing and duplicates nothing. One of our ids
("FT…") may only update a record of ours that exists; a file never makes one, since only this
site gives them out. A record merged into another is not updated (its id names the other).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from freethem.prisoners.models import Person
from freethem.protests.exchange.columns import (
    ABROAD,
    ACLED_COUNTRY_NAMES,
    ACLED_ID,
    ACTOR_CODES,
    CIVILIAN_TARGETING,
    COLUMNS,
    DISORDER_TYPES,
    INSIDE,
    OUR_ID,
    SUB_EVENT_SPELLINGS,
    province_of,
    read_date,
    split,
)
from freethem.protests.exchange.reading import RowError, isolate
from freethem.protests.models import IRAN, ParticipantGroup, Protest
from freethem.protests.vocab import SUB_EVENT_TYPES, ActorType, EventType, State

REQUIRED = _("This cell must not be empty.")
BAD_ID = _("“%(value)s” is neither an ACLED id (such as IRN1234) nor one of ours (FT…).")
DUPLICATE_ID = _("Row %(row)s of this file has the same id.")
UNKNOWN_OUR_ID = _(
    "There is no record %(value)s here. Ids starting with FT are given out by this site: a "
    "file can update such a record but not create one."
)
MERGED = _("This record was merged into %(value)s; update that record instead.")
BAD_DATE = _("“%(value)s” is not a date such as 16 May 2025 or 2025-05-16.")
YEAR_MISMATCH = _("The year does not match the event date.")
BAD_NUMBER = _("“%(value)s” is not a whole number (0 or more).")
BAD_DECIMAL = _("“%(value)s” is not a number such as 35.6892.")
BAD_CHOICE = _("“%(value)s” is not one of: %(choices)s.")
NOT_DEMONSTRATION = _(
    "This tracker keeps protests and riots only; remove the rows of other event types."
)
WRONG_SUB_EVENT = _("“%(value)s” is not a sub-event type of %(event_type)s.")
BAD_INTERACTION = _(
    "“%(value)s” is not an ACLED interaction such as “Protesters only” or "
    "“State forces-Protesters”."
)
UNKNOWN_COUNTRY = _("“%(value)s” is not a country we know by this name or ISO number.")
COUNTRY_MISMATCH = _("The iso number and the country name name different countries.")
UNKNOWN_PROVINCE = _(
    "“%(value)s” is not one of Iran's 31 provinces (give ACLED's name, such as Tehran or "
    "Razavi Khorasan, or its code, such as IR-23)."
)
PROVINCE_NEEDED = _("A record in Iran needs its province here, unless it is a draft.")
BOTH_COORDINATES = _("Give both the latitude and the longitude, or neither.")
OUTSIDE_IRAN = _("These coordinates are outside Iran, but the country is Iran.")
SIZE_ORDER = _("The low estimate is above the high one.")
UNKNOWN_GROUP = _("There is no participant group with the code “%(value)s”.")
UNKNOWN_PRISONER = _("There is no prisoner with the slug “%(value)s”.")
BAD_WAVE = _("“%(value)s” is not a wave code (letters, digits and hyphens).")
SCOPE_MISMATCH = _("The scope says %(value)s, but the country says otherwise.")
URL_COUNT = _("Give one address per source, in the order of the source column (%(count)s).")
BAD_URL = _("“%(value)s” is not a web address (http or https).")
TOO_MANY = _("At most %(limit)s values here.")
NEEDS_SOURCE = _("A published record must cite at least one source.")
SOURCE_TOO_LONG = _("A source's name is longer than 200 characters.")
EXTRA_CELLS = _("This row has cells in columns that the header row does not name.")

# Iran's extent, a little generous: coordinates outside it are a typo (swapped, or a sign).
IRAN_LATITUDE = (Decimal("24.5"), Decimal("40.5"))
IRAN_LONGITUDE = (Decimal("43.5"), Decimal("63.8"))
MAX_COUNT = 10**9
MAX_TIMESTAMP = 10**11
MAX_LIST = 50
WAVE_CODE = re.compile(r"[-a-zA-Z0-9_]{1,60}")
T = TypeVar("T")
ACTOR_TYPES = {actor.value.lower(): actor.value for actor in ActorType}

# Where a model field's own check (length, choices, decimal places) is reported.
FIELD_COLUMNS = {
    "event_id": "event_id_cnty",
    "date": "event_date",
    "province": "admin1",
    "acled_timestamp": "timestamp",
    "state": "x_state",
    "size_low": "x_size_low",
    "size_high": "x_size_high",
    "size_text": "x_size_text",
    "claims": "x_claims",
    "arrests": "x_arrests",
    "injuries": "x_injuries",
    "deaths": "x_deaths",
    "notes_fa": "x_notes_fa",
}
COUNT_COLUMNS = {
    "x_size_low": "size_low",
    "x_size_high": "size_high",
    "x_arrests": "arrests",
    "x_injuries": "injuries",
    "x_deaths": "deaths",
}
TEXT_COLUMNS = {
    "actor1": "actor1",
    "assoc_actor_1": "assoc_actor_1",
    "actor2": "actor2",
    "assoc_actor_2": "assoc_actor_2",
    "region": "region",
    "admin2": "admin2",
    "admin3": "admin3",
    "location": "location",
    "source_scale": "source_scale",
    "notes": "notes",
    "tags": "tags",
    "x_size_text": "size_text",
    "x_notes_fa": "notes_fa",
}
REQUIRED_COLUMNS = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1")


class Invalid(Exception):
    """A cell's problem: its message, already in the page's language."""


@dataclass
class Clean:
    """One checked row: the Protest's field values and its related rows."""

    row: int
    event_id: str
    fields: dict[str, Any]
    sources: list[tuple[str, str]] = field(default_factory=list)
    groups: list[ParticipantGroup] | None = None
    prisoners: list[Person] | None = None
    wave: str | None = None
    existing: Protest | None = None


def say(message: str | Promise, **params: object) -> str:
    """The message in the page's language, each text value from the file in a Unicode
    isolate, so that a Latin value reads whole inside a Persian sentence."""
    isolated = {
        name: isolate(value) if isinstance(value, str) else value for name, value in params.items()
    }
    return gettext(message) % isolated if params else gettext(message)


def count(text: str, limit: int = MAX_COUNT) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdecimal() or len(text) > 15 or int(text) > limit:
        raise Invalid(say(BAD_NUMBER, value=text))
    return int(text)


def timestamp(text: str) -> int | None:
    """Seconds since 1970, as ACLED stamps its last change of a record."""
    return count(text, limit=MAX_TIMESTAMP)


def decimal(text: str) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise Invalid(say(BAD_DECIMAL, value=text)) from None
    if not value.is_finite():
        raise Invalid(say(BAD_DECIMAL, value=text))
    return value


def choice(text: str, choices: tuple[str, ...] | list[str]) -> str:
    """The choice the cell names, ignoring case."""
    found = {value.lower(): value for value in choices}.get(text.strip().lower())
    if found is None:
        listed = ", ".join(value for value in choices if value)
        raise Invalid(say(BAD_CHOICE, value=text.strip(), choices=listed))
    return found


def actor_type(text: str) -> str:
    """ACLED's text, or its numeric code of older files (0: no second actor)."""
    text = text.strip()
    if text in ("", "0"):
        return ""
    if text in ACTOR_CODES:
        return ACTOR_CODES[text]
    return choice(text, [actor.value for actor in ActorType])


def interaction(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    if re.fullmatch(r"[1-8][0-8]", text):
        first = ACTOR_CODES[text[0]]
        return f"{first} only" if text[1] == "0" else f"{first}-{ACTOR_CODES[text[1]]}"
    lowered = text.lower()
    if lowered.endswith(" only") and lowered[:-5] in ACTOR_TYPES:
        return f"{ACTOR_TYPES[lowered[:-5]]} only"
    # "External/Other forces" has no hyphen, so the pair splits on the one that has a type on
    # either side.
    for position in (n for n, char in enumerate(lowered) if char == "-"):
        first, second = lowered[:position], lowered[position + 1 :]
        if first in ACTOR_TYPES and second in ACTOR_TYPES:
            return f"{ACTOR_TYPES[first]}-{ACTOR_TYPES[second]}"
    raise Invalid(say(BAD_INTERACTION, value=text))


def country_code(iso: str, name: str) -> str:
    by_number = by_name = None
    if iso.strip():
        number = iso.strip()
        by_number = countries.alpha2(int(number)) if number.isdecimal() else None
        if not by_number:
            raise Invalid(say(UNKNOWN_COUNTRY, value=number))
    if name.strip():
        acled = {value.lower(): code for code, value in ACLED_COUNTRY_NAMES.items()}
        by_name = acled.get(name.strip().lower()) or countries.by_name(name.strip()) or None
        if not by_name and not by_number:
            raise Invalid(say(UNKNOWN_COUNTRY, value=name.strip()))
    if by_number and by_name and by_number != by_name:
        raise Invalid(say(COUNTRY_MISMATCH))
    if not (by_number or by_name):
        raise Invalid(say(REQUIRED))
    return by_number or by_name


class Checker:
    """Checks rows into Clean records, collecting every error."""

    def __init__(self, columns: list[str], default_state: str) -> None:
        self.columns = columns
        self.present = set(columns)
        self.default_state = default_state
        self.errors: list[RowError] = []
        self.seen: dict[str, int] = {}
        self.groups = {group.slug: group for group in ParticipantGroup.objects.all()}
        self.people: dict[str, Person] = {}
        self.existing: dict[str, Protest] = {}
        self.countries: dict[tuple[str, str], str | Invalid] = {}

    def load(self, rows: list[tuple[int, dict[str, str]]]) -> None:
        """What the rows refer to, in one query per table."""
        ids = [values["event_id_cnty"].strip() for _row, values in rows]
        self.existing = Protest.objects.select_related("merged_into").in_bulk(
            ids, field_name="event_id"
        )
        slugs = {slug for _row, values in rows for slug in split(values.get("x_prisoners", ""))}
        self.people = Person.objects.in_bulk(list(slugs), field_name="slug") if slugs else {}

    def country(self, iso: str, name: str) -> str:
        """country_code(), once per spelling in a file (django-countries' lookup by name
        reads every country's name)."""
        key = (iso.strip(), name.strip().lower())
        if key not in self.countries:
            try:
                self.countries[key] = country_code(iso, name)
            except Invalid as problem:
                self.countries[key] = problem
        found = self.countries[key]
        if isinstance(found, Invalid):
            raise found
        return found

    def fail(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, column, message))

    def cell(
        self, row: int, values: dict[str, str], column: str, read: Callable[[str], T]
    ) -> T | None:
        """The value read() makes of the cell, or None after recording its problem."""
        try:
            return read(values.get(column, ""))
        except Invalid as problem:
            self.fail(row, column, str(problem))
            return None

    def row(self, number: int, cells: list[str]) -> dict[str, str] | None:
        """A row's cells by column; None for a blank row."""
        named = dict(zip(self.columns, cells, strict=False))
        stray = cells[len(self.columns) :]
        if any(cell.strip() for cell in stray):
            self.fail(number, "", say(EXTRA_CELLS))
        values = {column: named.get(column, "") for column in COLUMNS}
        return values if any(value.strip() for value in named.values()) else None

    def check(self, number: int, values: dict[str, str]) -> Clean:
        fields: dict[str, Any] = {}
        for column in REQUIRED_COLUMNS:
            if not values[column].strip():
                self.fail(number, column, say(REQUIRED))
        event_id = self.event_id(number, values["event_id_cnty"].strip())
        clean = Clean(number, event_id, fields, existing=self.existing.get(event_id))
        fields |= self.when(number, values)
        fields |= self.what(number, values)
        fields |= self.where(number, values, clean)
        fields |= self.reported(number, values)
        self.related(number, values, clean)
        self.model_checks(number, clean)
        return clean

    # Columns ----------------------------------------------------------------------------------

    def event_id(self, number: int, event_id: str) -> str:
        if not event_id:
            return event_id
        if not (ACLED_ID.fullmatch(event_id) or OUR_ID.fullmatch(event_id)):
            self.fail(number, "event_id_cnty", say(BAD_ID, value=event_id))
        elif event_id in self.seen:
            self.fail(number, "event_id_cnty", say(DUPLICATE_ID, row=self.seen[event_id]))
        existing = self.existing.get(event_id)
        if OUR_ID.fullmatch(event_id) and existing is None:
            self.fail(number, "event_id_cnty", say(UNKNOWN_OUR_ID, value=event_id))
        if existing is not None and existing.merged_into is not None:
            self.fail(number, "event_id_cnty", say(MERGED, value=existing.merged_into.event_id))
        self.seen.setdefault(event_id, number)
        return event_id

    def when(self, number: int, values: dict[str, str]) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        text = values["event_date"].strip()
        day = read_date(text) if text else None
        if text and day is None:
            self.fail(number, "event_date", say(BAD_DATE, value=text))
        if day is not None:
            fields["date"] = day
        year = self.cell(number, values, "year", count)
        if year is not None and day is not None and year != day.year:
            self.fail(number, "year", say(YEAR_MISMATCH))
        precision = self.cell(number, values, "time_precision", count)
        fields["time_precision"] = precision or 1
        return fields

    def what(self, number: int, values: dict[str, str]) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        disorder = self.cell(
            number, values, "disorder_type", lambda text: choice(text, ("", *DISORDER_TYPES))
        )
        fields["disorder_type"] = disorder or "Demonstrations"
        event_type = values["event_type"].strip()
        if event_type:
            try:
                fields["event_type"] = choice(event_type, EventType.values)
            except Invalid:
                self.fail(number, "event_type", say(NOT_DEMONSTRATION))
        sub = values["sub_event_type"].strip()
        sub = SUB_EVENT_SPELLINGS.get(sub, sub)
        if sub and "event_type" in fields:
            allowed = [str(value) for value in SUB_EVENT_TYPES[EventType(fields["event_type"])]]
            found = {value.lower(): value for value in allowed}.get(sub.lower())
            if found is None:
                params = {"value": sub, "event_type": fields["event_type"]}
                self.fail(number, "sub_event_type", say(WRONG_SUB_EVENT, **params))
            fields["sub_event_type"] = found or ""
        for column in ("inter1", "inter2"):
            fields[column] = self.cell(number, values, column, actor_type) or ""
        fields["interaction"] = self.cell(number, values, "interaction", interaction) or ""
        targeting = self.cell(
            number, values, "civilian_targeting", lambda t: choice(t, CIVILIAN_TARGETING)
        )
        fields["civilian_targeting"] = targeting or ""
        for column in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"):
            fields[TEXT_COLUMNS[column]] = values[column].strip()
        return fields

    def where(self, number: int, values: dict[str, str], clean: Clean) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        try:
            code = self.country(values["iso"], values["country"])
        except Invalid as problem:
            column = "iso" if values["iso"].strip() else "country"
            self.fail(number, column, str(problem))
            code = None
        if code:
            fields["country"] = code
        state = self.state(number, values, clean)
        fields["state"] = state
        admin1 = values["admin1"].strip()
        if code == IRAN:
            province = province_of(admin1) if admin1 else ""
            if admin1 and province is None:
                self.fail(number, "admin1", say(UNKNOWN_PROVINCE, value=admin1))
            elif not admin1 and state != State.DRAFT:
                self.fail(number, "admin1", say(PROVINCE_NEEDED))
            fields |= {"province": province or "", "admin1": ""}
        elif code:
            fields |= {"province": "", "admin1": admin1}
        scope = values["x_scope"].strip().lower()
        if scope and code and scope != (INSIDE if code == IRAN else ABROAD):
            self.fail(number, "x_scope", say(SCOPE_MISMATCH, value=scope))
        for column in ("region", "admin2", "admin3", "location"):
            fields[column] = values[column].strip()
        if not fields["location"]:
            self.fail(number, "location", say(REQUIRED))
        fields["geo_precision"] = self.cell(number, values, "geo_precision", count) or 1
        fields |= self.point(number, values, code)
        return fields

    def point(self, number: int, values: dict[str, str], code: str | None) -> dict[str, Any]:
        latitude = self.cell(number, values, "latitude", decimal)
        longitude = self.cell(number, values, "longitude", decimal)
        given = [bool(values[c].strip()) for c in ("latitude", "longitude")]
        if given[0] != given[1]:
            self.fail(number, "latitude" if not given[0] else "longitude", say(BOTH_COORDINATES))
        if code == IRAN and latitude is not None and longitude is not None:
            inside = (
                IRAN_LATITUDE[0] <= latitude <= IRAN_LATITUDE[1]
                and IRAN_LONGITUDE[0] <= longitude <= IRAN_LONGITUDE[1]
            )
            if not inside:
                self.fail(number, "latitude", say(OUTSIDE_IRAN))
        return {"latitude": latitude, "longitude": longitude}

    def state(self, number: int, values: dict[str, str], clean: Clean) -> str:
        text = values["x_state"].strip()
        if text:
            found = self.cell(number, values, "x_state", lambda t: choice(t, State.values))
            if found:
                return found
        return clean.existing.state if clean.existing else self.default_state

    def reported(self, number: int, values: dict[str, str]) -> dict[str, Any]:
        fields: dict[str, Any] = {"fatalities": self.cell(number, values, "fatalities", count) or 0}
        for column in ("source_scale", "notes", "tags"):
            fields[column] = values[column].strip()
        fields["source"] = values["source"].strip()
        # Our records' timestamp is their last change here, not ACLED's: not stored.
        if ACLED_ID.fullmatch(values["event_id_cnty"].strip()):
            fields["acled_timestamp"] = self.cell(number, values, "timestamp", timestamp)
        if "x_claims" in self.present:
            fields["claims"] = values["x_claims"].strip()
        for column in ("x_size_text", "x_notes_fa"):
            if column in self.present:
                fields[TEXT_COLUMNS[column]] = values[column].strip()
        for column, name in COUNT_COLUMNS.items():
            if column in self.present:
                fields[name] = self.cell(number, values, column, count)
        low, high = fields.get("size_low"), fields.get("size_high")
        if low is not None and high is not None and low > high:
            self.fail(number, "x_size_low", say(SIZE_ORDER))
        return fields

    def related(self, number: int, values: dict[str, str], clean: Clean) -> None:
        names = split(values["source"])
        if len(names) > MAX_LIST:
            self.fail(number, "source", say(TOO_MANY, limit=MAX_LIST))
        urls = [""] * len(names)
        if values["x_source_urls"].strip():
            urls = [url.strip() for url in values["x_source_urls"].split(";")]
            if len(urls) != len(names):
                self.fail(number, "x_source_urls", say(URL_COUNT, count=len(names)))
                urls = [""] * len(names)
            for url in urls:
                if url and not self.is_url(url):
                    self.fail(number, "x_source_urls", say(BAD_URL, value=url))
        clean.sources = list(zip(names, urls, strict=True))
        if clean.fields.get("state") == State.PUBLISHED and not names:
            self.fail(number, "source", say(NEEDS_SOURCE))
        if "x_groups" in self.present:
            clean.groups = self.lookup(number, values, "x_groups", self.groups, UNKNOWN_GROUP)
        if "x_prisoners" in self.present:
            people = self.people
            clean.prisoners = self.lookup(number, values, "x_prisoners", people, UNKNOWN_PRISONER)
        if "x_wave" in self.present:
            wave = values["x_wave"].strip()
            if wave and not WAVE_CODE.fullmatch(wave):
                self.fail(number, "x_wave", say(BAD_WAVE, value=wave))
            clean.wave = wave

    def lookup(
        self, number: int, values: dict[str, str], column: str, table: dict, missing: Promise
    ) -> list:
        codes = split(values[column])
        if len(codes) > MAX_LIST:
            self.fail(number, column, say(TOO_MANY, limit=MAX_LIST))
        for code in codes:
            if code not in table:
                self.fail(number, column, say(missing, value=code))
        return [table[code] for code in codes if code in table]

    @staticmethod
    def is_url(url: str) -> bool:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            return False
        return len(url) <= 500

    def model_checks(self, number: int, clean: Clean) -> None:
        """The model's own checks of lengths, choices and decimal places, without the
        database (uniqueness is the checker's)."""
        protest = Protest(event_id=clean.event_id, **clean.fields)
        try:
            # The country is checked above (and its field's check walks 250 choices).
            protest.clean_fields(exclude=["event_id", "date", "country"])
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = FIELD_COLUMNS.get(name, name)
                if any(e.row == number and e.column == column for e in self.errors):
                    continue  # the cell's own check said it already
                for message in messages:
                    self.fail(number, column, message)
        for name, _source_url in clean.sources:
            if len(name) > 200:
                self.fail(number, "source", say(SOURCE_TOO_LONG))

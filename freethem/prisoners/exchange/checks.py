"""The row checker of imports: every value of every record read from a file (a tree of Nodes,
see exchange.records) checked into Clean records, with every error collected as a RowError.

Model fields check their own values (choices, lengths, validators); the keys that name other
rows (categories, prisons, judges, courts, charges), countries, photos, case numbers and partial
dates have their own checks here. Categories, prisons, judges, courts and charges must exist.

Partial dates: when the file gives neither a Gregorian date nor a precision, the text is read by
parse_partial_date, as the staff forms read it ("آبان ۱۳۹۹" is month precision, Solar Hijri).
When it gives them, they are kept as given, with the text as the source gave it, after a check
that a readable text names the same day.
"""

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from freethem.core.dates import Calendar, PartialDate, Precision, parse_partial_date
from freethem.prisoners.exchange.records import (
    BAD_KEY_NUMBER,
    CHILDREN,
    DATE_KEYS,
    DUPLICATE_NUMBER,
    KEYS,
    NO_SUCH_CASE,
    NOT_A_LIST_FIELD,
    REFERENCE_KEYS,
    REQUIRED,
    UNKNOWN_FIELD,
    Node,
    Raw,
    RowError,
    charge_label,
)
from freethem.prisoners.models import (
    Case,
    Category,
    Charge,
    Court,
    Event,
    Judge,
    Person,
    PersonName,
    Prison,
    Sentence,
    Source,
)

TRUE, FALSE = ("true", "yes", "1"), ("false", "no", "0", "")

BAD_CHOICE = _("“%(value)s” is not one of: %(choices)s.")
BAD_TEXT = _("Expected text.")
BAD_BOOLEAN = _("Enter true or false.")
BAD_NUMBER = _("Enter a whole number that is not negative.")
BAD_DATE = _("Enter the date as YYYY-MM-DD.")
BAD_PARTIAL_DATE = _("Give the date as text, or with its date, precision, calendar and text.")
DATE_PRECISION_MISMATCH = _(
    "Give the Gregorian date when the precision is day, month or year, and only then."
)
DATE_MISMATCH = _(
    "The date text and the Gregorian date disagree: correct one of them, or clear the "
    "Gregorian date and precision to read the text alone."
)
DUPLICATE_SLUG = _("Another person in this file has the slug “%(value)s”.")
DUPLICATE_NAME = _("The name “%(value)s” is given twice for this person.")
UNKNOWN_CATEGORY = _("There is no category with the slug “%(value)s”.")
UNKNOWN_PRISON = _("There is no prison with the slug “%(value)s”.")
UNKNOWN_JUDGE = _("There is no judge with the slug “%(value)s”.")
UNKNOWN_COURT = _("There is no court called “%(value)s”.")
UNKNOWN_CHARGE = _("There is no charge “%(value)s”.")
UNKNOWN_COUNTRY = _("“%(value)s” is not a country code such as IR or GB.")
ENFORCEABLE_OVER_IMPOSED = _("The enforceable amount cannot be more than the amount imposed.")
SENTENCE_NEEDS_SOURCE = _("A sentence must cite at least one source.")
PHOTO_MISSING = _("There is no uploaded photo “%(value)s”; upload it first or leave this empty.")

UNKNOWN_REFERENCE = {
    "current_prison": UNKNOWN_PRISON,
    "prison": UNKNOWN_PRISON,
    "judge": UNKNOWN_JUDGE,
    "court": UNKNOWN_COURT,
}
REQUIRED_KEYS = {
    "person": ("slug", "name_fa", "name_latin"),
    "sentence": ("kind",),
    "event": ("kind",),
    "source": ("kind", "title"),
    "name": ("name",),
}
MODELS: dict[str, type[models.Model]] = {
    "person": Person,
    "case": Case,
    "sentence": Sentence,
    "event": Event,
    "source": Source,
    "name": PersonName,
}
# The keys that a model field checks on its own; the others have their own checks below.
SPECIAL_KEYS = {"number", "case", "citizenships", "categories", "photo", *REFERENCE_KEYS}
PLAIN_KEYS = {
    kind: tuple(
        key
        for key in KEYS[kind]
        if key not in SPECIAL_KEYS and key not in DATE_KEYS and key not in CHILDREN.get(kind, {})
    )
    for kind in MODELS
}
# What a model field takes from a file.
Value = str | int | bool | date | None


class Invalid(Enum):
    """A value that failed its check; the error is already recorded."""

    VALUE = 0


INVALID = Invalid.VALUE


@dataclass
class Clean:
    """A checked record: model field values, related rows, child records and its number."""

    fields: dict[str, Any]
    related: dict[str, Any] = field(default_factory=dict)
    children: dict[str, list["Clean"]] = field(default_factory=dict)
    number: int | None = None


def check_people(nodes: list[Node]) -> tuple[list[Clean], list[RowError]]:
    """The people read from a file, checked, and the errors found in them."""
    checker = Checker()
    people = [checker.person(node) for node in nodes]
    return people, checker.errors


# Values -----------------------------------------------------------------------------------


def blank(raw: Raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def field_value(model_field: models.Field, raw: Raw) -> Value:
    """The value a model field takes from a file's value; ValidationError if it cannot."""
    if isinstance(model_field, models.BooleanField):
        return to_bool(raw)
    if blank(raw):
        return blank_value(model_field)
    if isinstance(model_field, models.PositiveIntegerField):
        value = to_count(raw)
    elif isinstance(model_field, models.DateField):
        value = to_date(raw)
    else:
        value = to_text(model_field, raw)
    model_field.run_validators(value)
    return value


def blank_value(model_field: models.Field) -> Value:
    if model_field.null:
        return None
    if model_field.blank:
        return ""
    if model_field.has_default():
        return model_field.get_default()
    raise ValidationError(REQUIRED)


def to_bool(raw: Raw) -> bool:
    if isinstance(raw, bool) or raw is None:
        return bool(raw)
    if isinstance(raw, str) and raw.strip().lower() in TRUE + FALSE:
        return raw.strip().lower() in TRUE
    raise ValidationError(BAD_BOOLEAN)


def to_count(raw: Raw) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
        return raw
    if isinstance(raw, str) and raw.strip().isdecimal():
        return int(raw.strip())  # Persian digits too
    raise ValidationError(BAD_NUMBER)


def to_date(raw: Raw) -> date:
    try:
        return date.fromisoformat(raw.strip())
    except (AttributeError, ValueError):
        raise ValidationError(BAD_DATE) from None


def to_text(model_field: models.Field, raw: Raw) -> str:
    if not isinstance(raw, str) or "\x00" in raw:
        raise ValidationError(BAD_TEXT)
    value = raw.strip()
    if model_field.choices:
        allowed = [str(choice) for choice, _label in model_field.flatchoices if choice != ""]
        if value not in allowed:
            params = {"value": value, "choices": ", ".join(allowed)}
            raise ValidationError(BAD_CHOICE, params=params)
    return value


def readable(text: str) -> PartialDate | None:
    try:
        return parse_partial_date(text)
    except ValidationError:
        return None


# Checking -----------------------------------------------------------------------------------


class Checker:
    """Checks the Nodes read from a file into Clean records, collecting every error."""

    def __init__(self) -> None:
        self.errors: list[RowError] = []
        self.slugs: set[str] = set()
        prisons = {prison.slug: prison for prison in Prison.objects.all()}
        # Courts and charges have no slug: the first by primary key wins a shared name.
        self.tables: dict[str, dict[str, models.Model]] = {
            "categories": {category.slug: category for category in Category.objects.all()},
            "current_prison": prisons,
            "prison": prisons,
            "judge": {judge.slug: judge for judge in Judge.objects.all()},
            "court": {court.name_en: court for court in Court.objects.order_by("-pk")},
            "charges": {
                charge_label(charge.name_en, charge.article): charge
                for charge in Charge.objects.order_by("-pk")
            },
        }

    def fail(self, node: Node, key: str, text: str | Promise, value: object = None) -> None:
        message = gettext(text) % {"value": value} if value is not None else gettext(text)
        self.errors.append(RowError(node.row, node.where(key) if key else "", message))

    def check(self, node: Node, key: str, model_field: models.Field, raw: Raw) -> Value | Invalid:
        try:
            return field_value(model_field, raw)
        except ValidationError as error:
            for message in error.messages:
                self.errors.append(RowError(node.row, node.where(key), message))
            return INVALID

    def plain(self, node: Node) -> dict[str, Any]:
        """The node's plain fields that the file gives and that pass their checks."""
        meta = MODELS[node.kind]._meta
        for key in REQUIRED_KEYS.get(node.kind, ()):
            if key not in node.values:
                self.fail(node, key, REQUIRED)
        checked = {
            key: self.check(node, key, meta.get_field(key), node.values[key])
            for key in PLAIN_KEYS[node.kind]
            if key in node.values
        }
        return {key: value for key, value in checked.items() if value is not INVALID}

    def fields(self, node: Node) -> dict[str, Any]:
        fields = self.plain(node)
        for key in KEYS[node.kind]:
            if key in DATE_KEYS and key in node.values:
                fields |= self.partial(node, key)
            elif key in REFERENCE_KEYS and key in node.values:
                fields[key] = self.reference(node, key)
        return {key: value for key, value in fields.items() if value is not INVALID}

    def person(self, node: Node) -> Clean:
        clean = Clean(self.fields(node))
        slug = clean.fields.get("slug")
        if slug is not None and slug in self.slugs:
            self.fail(node, "slug", DUPLICATE_SLUG, slug)
        self.slugs.add(slug)
        for key, check in (("citizenships", self.countries), ("photo", self.photo)):
            if key in node.values and (value := check(node)) is not INVALID:
                clean.fields[key] = value
        if "categories" in node.values and (found := self.categories(node)) is not INVALID:
            clean.related["categories"] = found
        if "other_names" in node.children:
            clean.children["other_names"] = self.names(node.children["other_names"])
        if "cases" in node.children:
            clean.children["cases"] = self.cases(node.children["cases"])
        numbers = {case.number for case in clean.children.get("cases", [])}
        if "events" in node.children:
            events = node.children["events"]
            clean.children["events"] = [self.event(event, numbers) for event in events]
        return clean

    def names(self, nodes: list[Node]) -> list[Clean]:
        names, seen = [], set()
        for node in nodes:
            fields = self.plain(node)
            name = fields.get("name")  # None when the name failed its own check
            if name is not None and name in seen:
                self.fail(node, "name", DUPLICATE_NAME, name)
            seen.add(name)
            names.append(Clean(fields))
        return names

    def cases(self, nodes: list[Node]) -> list[Clean]:
        cases = [self.case(node, position) for position, node in enumerate(nodes, 1)]
        seen = set()
        for node, case in zip(nodes, cases, strict=True):
            if case.number is not None and case.number in seen:
                self.fail(node, "number", DUPLICATE_NUMBER, case.number)
            seen.add(case.number)
        return cases

    def case(self, node: Node, position: int) -> Clean:
        clean = Clean(self.fields(node), number=self.key_number(node, "number", position))
        charges = [self.charge(child) for child in node.children.get("charges", [])]
        clean.related["charges"] = [charge for charge in charges if charge is not INVALID]
        clean.related["sources"] = self.sources(node)
        sentences = node.children.get("sentences", [])
        clean.children["sentences"] = [self.sentence(child) for child in sentences]
        return clean

    def sentence(self, node: Node) -> Clean:
        clean = Clean(self.fields(node))
        clean.related["sources"] = self.sources(node)
        imposed, enforceable = clean.fields.get("imposed"), clean.fields.get("enforceable")
        if imposed is not None and enforceable is not None and enforceable > imposed:
            self.fail(node, "enforceable", ENFORCEABLE_OVER_IMPOSED)
        if not node.children.get("sources"):
            self.fail(node, "sources", SENTENCE_NEEDS_SOURCE)
        return clean

    def event(self, node: Node, case_numbers: set[int | None]) -> Clean:
        clean = Clean(self.fields(node), number=self.key_number(node, "case", None))
        clean.related["sources"] = self.sources(node)
        if clean.number is not None and clean.number not in case_numbers:
            self.fail(node, "case", NO_SUCH_CASE, clean.number)
        return clean

    def sources(self, node: Node) -> list[dict[str, Any]]:
        found = []
        for child in node.children.get("sources", []):
            fields = self.plain(child)
            defaults = {key: Source._meta.get_field(key).get_default() for key in KEYS["source"]}
            found.append(defaults | fields)
        return found

    def key_number(self, node: Node, key: str, default: int | None) -> int | None:
        raw = node.values.get(key)
        if blank(raw):
            return default
        if isinstance(raw, int) and not isinstance(raw, bool) and raw > 0:
            return raw
        if isinstance(raw, str) and raw.strip().isdecimal() and int(raw) > 0:
            return int(raw)
        self.fail(node, key, BAD_KEY_NUMBER)
        return None

    def reference(self, node: Node, key: str) -> models.Model | Invalid | None:
        raw = node.values[key]
        if blank(raw):
            return None
        found = self.tables[key].get(raw.strip()) if isinstance(raw, str) else None
        if found is None:
            self.fail(node, key, UNKNOWN_REFERENCE[key], raw)
            return INVALID
        return found

    def charge(self, node: Node) -> models.Model | Invalid:
        values = node.values
        label = values.get("label")
        if label is None:
            label = charge_label(str(values.get("name_en") or ""), str(values.get("article") or ""))
        found = self.tables["charges"].get(label.strip())
        if found is None:
            self.fail(node, "name_en", UNKNOWN_CHARGE, label)
            return INVALID
        return found

    def strings(self, node: Node, key: str) -> list[str] | Invalid:
        raw = node.values[key]
        if raw is None:
            return []
        if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
            self.fail(node, key, NOT_A_LIST_FIELD)
            return INVALID
        return [item.strip() for item in raw if item.strip()]

    def categories(self, node: Node) -> list[models.Model] | Invalid:
        slugs = self.strings(node, "categories")
        if slugs is INVALID:
            return INVALID
        table = self.tables["categories"]
        for slug in slugs:
            if slug not in table:
                self.fail(node, "categories", UNKNOWN_CATEGORY, slug)
        return [table[slug] for slug in slugs] if all(s in table for s in slugs) else INVALID

    def countries(self, node: Node) -> list[str] | Invalid:
        codes = self.strings(node, "citizenships")
        if codes is INVALID:
            return INVALID
        for code in codes:
            if not countries.alpha2(code):
                self.fail(node, "citizenships", UNKNOWN_COUNTRY, code)
        known = [countries.alpha2(code) for code in codes]
        return known if all(known) else INVALID

    def photo(self, node: Node) -> str | Invalid:
        """An uploaded photo, by its name in the media storage."""
        raw = node.values["photo"]
        if blank(raw):
            return ""
        name = raw.strip() if isinstance(raw, str) else ""
        storage = Person._meta.get_field("photo").storage
        try:
            exists = bool(name) and ".." not in name and storage.exists(name)
        except (SuspiciousOperation, ValueError):
            exists = False
        if not exists:
            self.fail(node, "photo", PHOTO_MISSING, raw)
            return INVALID
        return name

    def partial(self, node: Node, key: str) -> dict[str, Any]:
        raw = node.values[key]
        parts = {"text": raw} if isinstance(raw, str) else {} if raw is None else raw
        text_key = key if isinstance(raw, str) else f"{key}.text"
        if not isinstance(parts, dict):
            self.fail(node, key, BAD_PARTIAL_DATE)
            return {}
        for part in set(parts) - {"date", "precision", "calendar", "text"}:
            where = node.where(f"{key}.{part}")
            self.errors.append(RowError(node.row, where, gettext(UNKNOWN_FIELD) % {"field": part}))
        meta = MODELS[node.kind]._meta
        text = self.check(node, text_key, meta.get_field(f"{key}_text"), parts.get("text"))
        if text is INVALID:
            return {}
        if blank(parts.get("date")) and blank(parts.get("precision")):
            value = self.parsed(node, text_key, text)
        else:
            value = self.given(node, key, parts, text)
        if value is None:
            return {}
        return {
            key: value.date,
            f"{key}_precision": value.precision,
            f"{key}_calendar": value.calendar,
            f"{key}_text": value.text,
        }

    def parsed(self, node: Node, text_key: str, text: str) -> PartialDate | None:
        try:
            return parse_partial_date(text)
        except ValidationError as error:
            for message in error.messages:
                self.errors.append(RowError(node.row, node.where(text_key), message))
            return None

    def given(self, node: Node, key: str, parts: dict, text: str) -> PartialDate | None:
        """A date as the file gives it: Gregorian date, precision and calendar, with the text."""
        meta = MODELS[node.kind]._meta
        names = {"date": key, "precision": f"{key}_precision", "calendar": f"{key}_calendar"}
        value = {
            part: self.check(node, f"{key}.{part}", meta.get_field(name), parts.get(part))
            for part, name in names.items()
        }
        if any(item is INVALID for item in value.values()):
            return None
        if (value["date"] is None) != (value["precision"] == Precision.UNKNOWN):
            self.fail(node, f"{key}.date", DATE_PRECISION_MISMATCH)
            return None
        read = readable(text)
        if read is not None and read.date is not None and read.date != value["date"]:
            self.fail(node, f"{key}.text", DATE_MISMATCH)
            return None
        precision, calendar = Precision(value["precision"]), Calendar(value["calendar"])
        return PartialDate(value["date"], precision, calendar, text)

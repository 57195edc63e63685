"""The record of a person that both exchange formats carry, and the tree a file is read into.

A person's record is one JSON object (see `person_record`): the person's fields, their other
names, category slugs, citizenships (ISO codes), their cases and their timeline events. Cases
are numbered from 1 within the person, in date order; each has its charges (by English name and
Penal Code article), court (by English name), judge and prison (by slug), sources and sentence
components with their sources. Each event names its case by that number and has its sources.
Partial dates are {"date": "YYYY-MM-DD" | null, "precision", "calendar", "text"}.

The JSON format (exchange.json) is a list of these records; the CSV layout (exchange.csv)
flattens the same dicts into one row per record. Both readers give the same tree of Nodes,
which exchange.checks checks and exchange.importing saves.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models
from django.db.models import F, Prefetch
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from freethem.prisoners.models import Case, Event, Person, PersonName, PersonQuerySet, Sentence

EXPORT_CHUNK = 500  # people fetched (with their prefetched records) per query

# Messages of both readers and of the checker.
NOT_A_LIST_FIELD = _("Expected a list.")
UNKNOWN_FIELD = _("There is no field called “%(field)s”.")
REQUIRED = _("This value is required.")
BAD_KEY_NUMBER = _("Enter a whole number from 1.")
DUPLICATE_NUMBER = _("Another record of this person in the file has the number %(value)s.")
NO_SUCH_CASE = _("This person has no case %(value)s in this file.")
ERROR_LINE = _("Row %(row)s, column %(column)s: %(message)s")
ERROR_ROW = _("Row %(row)s: %(message)s")


# The record shape ---------------------------------------------------------------------------

PERSON_KEYS = (
    "slug",
    "name_fa",
    "name_latin",
    "other_names",
    "sex",
    "birth_date",
    "birthplace_en",
    "birthplace_fa",
    "citizenships",
    "ethnicity",
    "religion",
    "occupation_en",
    "occupation_fa",
    "categories",
    "summary_en",
    "summary_fa",
    "photo",
    "photo_visibility",
    "photo_credit",
    "custody_status",
    "current_prison",
    "designated_political_prisoner",
    "designated_by",
    "designated_on",
    "verification",
    "publication",
    "family_contacts",
    "researcher_notes",
    "is_demo",
    "cases",
    "events",
)
CASE_KEYS = (
    "number",
    "arrested_on",
    "arrest_place_en",
    "arrest_place_fa",
    "arresting_body",
    "held_incommunicado",
    "charges",
    "court",
    "court_branch",
    "judge",
    "lawyer",
    "lawyer_access",
    "verdict_on",
    "verdict_en",
    "verdict_fa",
    "appeal_outcome",
    "prison",
    "sources",
    "sentences",
)
SENTENCE_KEYS = ("kind", "imposed", "enforceable", "place_en", "place_fa", "suspended", "sources")
EVENT_KEYS = (
    "kind",
    "occurred_on",
    "place_en",
    "place_fa",
    "prison",
    "case",
    "description_en",
    "description_fa",
    "sources",
)
SOURCE_KEYS = ("kind", "title", "title_fa", "url", "published_on", "language", "reliability")
NAME_KEYS = ("name", "kind")
CHARGE_KEYS = ("name_en", "article")

KEYS = {
    "person": PERSON_KEYS,
    "case": CASE_KEYS,
    "sentence": SENTENCE_KEYS,
    "event": EVENT_KEYS,
    "source": SOURCE_KEYS,
    "name": NAME_KEYS,
    "charge": CHARGE_KEYS,
}
# Keys that hold lists of records of their own, and the kind of those records.
CHILDREN = {
    "person": {"other_names": "name", "cases": "case", "events": "event"},
    "case": {"charges": "charge", "sources": "source", "sentences": "sentence"},
    "sentence": {"sources": "source"},
    "event": {"sources": "source"},
}
PRIVATE_KEYS = ("family_contacts", "researcher_notes")
DATE_KEYS = ("birth_date", "arrested_on", "verdict_on", "occurred_on")
# Directory entries are named by slug, courts (which have none) by their English name.
REFERENCE_KEYS = {"current_prison": "slug", "prison": "slug", "judge": "slug", "court": "name_en"}


# A value as a file gives it (JSON's types; a CSV cell is text) and as an export writes it.
Raw = str | int | float | bool | list["Raw"] | dict[str, "Raw"] | None


def charge_label(name_en: str, article: str) -> str:
    """How a charge is named in a file: its English name, then its article in brackets."""
    return f"{name_en} ({article})" if article else name_en


# Errors and read records ------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    """One problem in an imported file.

    row: the spreadsheet row in a CSV file (the header is row 1), the person's position from 1
    in a JSON file, 0 for the file as a whole. column: the CSV column, or the JSON path such as
    cases[1].sentences[2].enforceable; empty for a whole row.
    """

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        if not self.column:
            return gettext(ERROR_ROW) % {"row": self.row, "message": self.message}
        params = {"row": self.row, "column": self.column, "message": self.message}
        return gettext(ERROR_LINE) % params


@dataclass
class Node:
    """One record read from a file: a person, case, sentence, event, source, name or charge.

    values holds the raw values the file gives (a key is absent when the file leaves it out);
    where names the column (CSV) or path (JSON) of a key, for error messages.
    """

    kind: str
    row: int
    where: Callable[[str], str]
    values: dict[str, Raw] = field(default_factory=dict)
    children: dict[str, list["Node"]] = field(default_factory=dict)


# Export -------------------------------------------------------------------------------------


# Cases and events in date order, the undated last on every database; numbers follow it.
UNDATED_LAST = {
    name: (F(name).asc(nulls_last=True), "pk") for name in ("arrested_on", "occurred_on")
}


def export_queryset(queryset: PersonQuerySet, *, public: bool) -> PersonQuerySet:
    if public:
        queryset = queryset.published()
    cases = Case.objects.order_by(*UNDATED_LAST["arrested_on"])
    cases = cases.select_related("court", "judge", "prison").prefetch_related(
        "charges",
        "sources",
        Prefetch("sentences", Sentence.objects.order_by("pk").prefetch_related("sources")),
    )
    events = Event.objects.order_by(*UNDATED_LAST["occurred_on"])
    return (
        queryset.order_by("slug")
        .select_related("current_prison")
        .prefetch_related(
            Prefetch("other_names", PersonName.objects.order_by("pk")),
            "categories",
            Prefetch("cases", cases),
            Prefetch("events", events.select_related("prison").prefetch_related("sources")),
        )
    )


def people_records(queryset: PersonQuerySet, *, public: bool) -> Iterator[dict[str, Any]]:
    """The records of the queryset's people in slug order, fetched a chunk at a time."""
    for person in export_queryset(queryset, public=public).iterator(chunk_size=EXPORT_CHUNK):
        yield person_record(person, public=public)


def person_record(person: Person, *, public: bool) -> dict[str, Any]:
    """The complete record of a person (prefetched by export_queryset) as plain JSON values."""
    numbers = {case.pk: n for n, case in enumerate(person.cases.all(), 1)}
    record = {
        key: export_value(person, key, numbers)
        for key in PERSON_KEYS
        if not (public and key in PRIVATE_KEYS)
    }
    if public and not person.photo_is_public:
        record["photo"] = record["photo_credit"] = ""
    return record


def export_value(instance: models.Model, key: str, numbers: dict[int, int]) -> Raw:
    if key in EXPORTERS:
        return EXPORTERS[key](instance, numbers)
    if key in DATE_KEYS:
        return {
            "date": iso(getattr(instance, key)),
            "precision": getattr(instance, f"{key}_precision"),
            "calendar": getattr(instance, f"{key}_calendar"),
            "text": getattr(instance, f"{key}_text"),
        }
    if key in REFERENCE_KEYS:
        related = getattr(instance, key)
        return getattr(related, REFERENCE_KEYS[key]) if related else None
    value = getattr(instance, key)
    return iso(value) if isinstance(value, date) else value


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def records(instances: Iterable[models.Model], keys: tuple[str, ...], numbers: dict) -> list:
    return [{key: export_value(item, key, numbers) for key in keys} for item in instances]


def source_records(instance: Case | Sentence | Event, numbers: dict[int, int]) -> list[dict]:
    # In a stable order that does not depend on primary keys, so a round trip keeps it.
    found = records(instance.sources.all(), SOURCE_KEYS, numbers)
    return sorted(found, key=lambda source: tuple(str(source[key] or "") for key in SOURCE_KEYS))


def case_records(person: Person, numbers: dict[int, int]) -> list[dict[str, Any]]:
    return [
        {key: export_value(case, key, numbers) for key in CASE_KEYS} for case in person.cases.all()
    ]


EXPORTERS: dict[str, Callable[[Any, dict[int, int]], Raw]] = {
    "other_names": lambda person, _: records(person.other_names.all(), NAME_KEYS, {}),
    "citizenships": lambda person, _: [country.code for country in person.citizenships],
    "categories": lambda person, _: sorted(c.slug for c in person.categories.all()),
    "photo": lambda person, _: person.photo.name or "",
    "cases": case_records,
    "events": lambda person, numbers: records(person.events.all(), EVENT_KEYS, numbers),
    "number": lambda case, numbers: numbers[case.pk],
    "case": lambda event, numbers: numbers.get(event.case_id),
    "charges": lambda case, _: sorted(
        (records(case.charges.all(), CHARGE_KEYS, {})),
        key=lambda charge: charge_label(charge["name_en"], charge["article"]),
    ),
    "sources": source_records,
    "sentences": lambda case, numbers: records(case.sentences.all(), SENTENCE_KEYS, numbers),
}

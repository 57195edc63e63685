"""Small factories for the case database's tests: make_person(**fields) and friends.

Each takes the model's fields as keyword arguments over sensible defaults and saves the row.
make_person makes a PUBLISHED person (pass publication=Publication.DRAFT for a draft), and
indexes them for search when freethem.prisoners.search provides index_person.
"""

import datetime
import itertools
from collections.abc import Iterable
from typing import Any

from freethem.core.dates import Calendar, Precision
from freethem.prisoners.models import (
    Case,
    Category,
    Charge,
    Event,
    Person,
    Prison,
    Sentence,
    Source,
)
from freethem.prisoners.vocab import (
    CustodyStatus,
    EventKind,
    Province,
    Publication,
    SentenceKind,
    SourceKind,
)

_serial = itertools.count(1)


def _next() -> int:
    return next(_serial)


def make_category(**fields: Any) -> Category:
    n = _next()
    defaults = {"slug": f"category-{n}", "name_en": f"Category {n}", "name_fa": f"دسته {n}"}
    return Category.objects.create(**{**defaults, **fields})


def make_prison(**fields: Any) -> Prison:
    n = _next()
    defaults = {
        "slug": f"prison-{n}",
        "name_en": f"Prison {n}",
        "name_fa": f"زندان {n}",
        "province": Province.TEHRAN,
    }
    return Prison.objects.create(**{**defaults, **fields})


def make_source(**fields: Any) -> Source:
    n = _next()
    defaults = {"kind": SourceKind.NGO, "title": f"Report {n}", "language": "en"}
    return Source.objects.create(**{**defaults, **fields})


def make_charge(**fields: Any) -> Charge:
    n = _next()
    defaults = {"name_en": f"Charge {n}", "name_fa": f"اتهام {n}", "article": "610"}
    return Charge.objects.create(**{**defaults, **fields})


def _index(person: Person) -> None:
    try:
        from freethem.prisoners.search import index_person
    except ImportError:  # the search index is optional for tests that do not search
        return
    index_person(person)


def make_person(
    *,
    categories: Iterable[Category] = (),
    other_names: Iterable[str] = (),
    **fields: Any,
) -> Person:
    """A published person; categories and other spellings may be given too."""
    n = _next()
    defaults = {
        "slug": f"person-{n}",
        "name_latin": f"Person {n}",
        "name_fa": f"شخص {n}",
        "custody_status": CustodyStatus.SERVING,
        "publication": Publication.PUBLISHED,
    }
    person = Person.objects.create(**{**defaults, **fields})
    person.categories.set(categories)
    for name in other_names:
        person.other_names.create(name=name)
    _index(person)
    return person


def _dated(field: str, on: datetime.date | None, precision: str) -> dict[str, Any]:
    if on is None:
        return {}
    return {
        field: on,
        f"{field}_precision": precision,
        f"{field}_calendar": Calendar.GREGORIAN,
        f"{field}_text": on.isoformat(),
    }


def make_case(
    person: Person,
    *,
    arrested_on: datetime.date | None = None,
    precision: str = Precision.DAY,
    charges: Iterable[Charge] = (),
    sources: Iterable[Source] = (),
    **fields: Any,
) -> Case:
    """A case; arrested_on with its precision fills the four arrest-date fields."""
    case = Case.objects.create(
        person=person, **{**_dated("arrested_on", arrested_on, precision), **fields}
    )
    case.charges.set(charges)
    case.sources.set(sources)
    return case


def make_sentence(
    case: Case, *, sources: Iterable[Source] | None = None, **fields: Any
) -> Sentence:
    """A sentence component (a prison term in months by default), with a source."""
    defaults = {"kind": SentenceKind.PRISON, "imposed": 12}
    sentence = Sentence.objects.create(case=case, **{**defaults, **fields})
    sentence.sources.set([make_source()] if sources is None else sources)
    return sentence


def make_event(
    person: Person,
    *,
    occurred_on: datetime.date | None = None,
    precision: str = Precision.DAY,
    sources: Iterable[Source] | None = None,
    **fields: Any,
) -> Event:
    """A timeline event with one new source, unless sources are given (sources=[] for none)."""
    defaults = {"kind": EventKind.ARREST, **_dated("occurred_on", occurred_on, precision)}
    event = Event.objects.create(person=person, **{**defaults, **fields})
    event.sources.set([make_source()] if sources is None else sources)
    return event

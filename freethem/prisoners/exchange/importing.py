"""Import of a whole file: read (CSV or JSON), check every record, then save all or nothing.

A file with any error changes nothing; a clean file is saved in one transaction, as one
revision. People are matched by slug: new slugs are created, known ones updated. A field the
file leaves out (no such column or JSON key) keeps its value, so importing a public export does
not wipe private notes. The other names, cases and events that a file gives for a person
replace that person's old ones. Sources are matched on all their fields and reused.
"""

from dataclasses import dataclass, field
from typing import Any

import reversion
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from freethem.prisoners.exchange.checks import Clean, check_people
from freethem.prisoners.exchange.csv import read_csv
from freethem.prisoners.exchange.json import read_json
from freethem.prisoners.exchange.records import UNDATED_LAST, RowError
from freethem.prisoners.models import Case, Event, Person, PersonName, Sentence, Source
from freethem.prisoners.search import index_person

FORMATS = ("csv", "json")
MAX_IMPORT_BYTES = 32 * 1024 * 1024

NOT_UTF8 = _("The file is not UTF-8 text. Save it as “CSV UTF-8” (or UTF-8 JSON) and try again.")
TOO_LARGE = _("The file is larger than %(megabytes)s MB; split it into smaller files.")
IMPORT_COMMENT = _("Imported from a %(format)s file.")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_lines(self) -> list[str]:
        """The errors as lines such as "Row 4, column birth_date: That day does not exist…"."""
        return [str(error) for error in self.errors]


def import_people(
    data: str | bytes,
    *,
    format: str,
    user: User | AnonymousUser | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Check a whole CSV or JSON file, then, if it has no errors, save it in one transaction.

    With dry_run the file is only checked, and the counts say what an import would do."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {format!r}")
    text, problem = decode(data)
    if problem:
        return ImportResult(errors=[RowError(0, "", problem)])
    nodes, errors = read_csv(text) if format == "csv" else read_json(text)
    people, problems = check_people(nodes)
    errors = sorted(errors + problems, key=lambda error: error.row)
    if errors:
        return ImportResult(errors=errors)
    if dry_run:
        known = Person.objects.filter(slug__in=[p.fields["slug"] for p in people]).count()
        return ImportResult(created=len(people) - known, updated=known)
    created = save_people(people, user=user, format=format)
    return ImportResult(created=created, updated=len(people) - created)


def decode(data: str | bytes) -> tuple[str, str]:
    """The text of a file and no problem, or no text and the problem."""
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError:
            return "", gettext(NOT_UTF8)
    if len(data) > MAX_IMPORT_BYTES:
        return "", gettext(TOO_LARGE) % {"megabytes": MAX_IMPORT_BYTES // (1024 * 1024)}
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return "", gettext(NOT_UTF8)


# Saving -------------------------------------------------------------------------------------


class Sources:
    """Finds or creates sources by all their fields, once per import."""

    def __init__(self) -> None:
        self.found: dict[tuple, Source] = {}

    def get(self, records: list[dict[str, Any]]) -> list[Source]:
        return [self.one(record) for record in records]

    def one(self, record: dict[str, Any]) -> Source:
        key = tuple(sorted(record.items()))
        if key not in self.found:
            existing = Source.objects.filter(**record).order_by("pk").first()
            self.found[key] = existing or Source.objects.create(**record)
        return self.found[key]


def save_people(people: list[Clean], *, user: User | AnonymousUser | None, format: str) -> int:
    """Save checked people in one transaction, as one revision; returns how many are new."""
    sources = Sources()
    with transaction.atomic(), reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(gettext(IMPORT_COMMENT) % {"format": format.upper()})
        return sum(save_person(person, sources) for person in people)


def save_person(clean: Clean, sources: Sources) -> bool:
    person = Person.objects.filter(slug=clean.fields["slug"]).first()
    created = person is None
    person = person or Person()
    for name, value in clean.fields.items():
        setattr(person, name, value)
    person.save()
    if "categories" in clean.related:
        person.categories.set(clean.related["categories"])
    if "other_names" in clean.children:
        person.other_names.all().delete()
        names = [PersonName(person=person, **name.fields) for name in clean.children["other_names"]]
        PersonName.objects.bulk_create(names)
    cases = {}
    if "cases" in clean.children:
        cases = replace_cases(person, clean.children["cases"], sources, "events" in clean.children)
    if "events" in clean.children:
        replace_events(person, clean.children["events"], cases, sources)
    if reversion.is_registered(Person):
        reversion.add_to_revision(person)
    index_person(person)
    return created


def replace_cases(
    person: Person, cases: list[Clean], sources: Sources, events_replaced: bool
) -> dict[int | None, Case]:
    """Replace a person's cases; events the file leaves alone follow their case by number."""
    numbered = person.cases.order_by(*UNDATED_LAST["arrested_on"])  # as the export numbers them
    old_numbers = {case.pk: n for n, case in enumerate(numbered, 1)}
    kept = [] if events_replaced else list(person.events.filter(case__isnull=False))
    person.cases.all().delete()
    new = {clean.number: create_case(person, clean, sources) for clean in cases}
    for event in kept:
        event.case = new.get(old_numbers[event.case_id])
        event.save(update_fields=["case"])
    return new


def create_case(person: Person, clean: Clean, sources: Sources) -> Case:
    case = Case.objects.create(person=person, **clean.fields)
    case.charges.set(clean.related["charges"])
    case.sources.set(sources.get(clean.related["sources"]))
    for sentence in clean.children["sentences"]:
        component = Sentence.objects.create(case=case, **sentence.fields)
        component.sources.set(sources.get(sentence.related["sources"]))
    return case


def replace_events(
    person: Person, events: list[Clean], cases: dict[int | None, Case], sources: Sources
) -> None:
    person.events.all().delete()
    for clean in events:
        event = Event.objects.create(person=person, case=cases.get(clean.number), **clean.fields)
        event.sources.set(sources.get(clean.related["sources"]))

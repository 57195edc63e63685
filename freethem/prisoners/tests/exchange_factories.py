"""Records for the import and export tests: the directories a file refers to, and one person
with everything a record can hold (other names, categories, two cases with charges and
sentences, timeline events with sources, partial dates in both calendars and precisions)."""

import datetime
from typing import Any

from freethem.core.dates import parse_partial_date
from freethem.prisoners.models import Case, Category, Charge, Court, Event, Judge, Person, Prison
from freethem.prisoners.tests.factories import (
    make_case,
    make_category,
    make_charge,
    make_event,
    make_person,
    make_prison,
    make_sentence,
    make_source,
)
from freethem.prisoners.vocab import (
    ArrestingBody,
    CustodyStatus,
    EventKind,
    LawyerAccess,
    NameKind,
    Reliability,
    SentenceKind,
    Sex,
    SourceKind,
)

SECRET_FAMILY = "secret-family-phone"
SECRET_NOTES = "secret-researcher-note"


def make_directories() -> None:
    """The categories, prisons, charges, court and judge that make_full_person refers to."""
    make_category(slug="labour", name_en="Labour activist")
    make_category(slug="womens-rights", name_en="Women's rights")
    make_prison(slug="evin", name_en="Evin Prison")
    make_prison(slug="qarchak", name_en="Qarchak Prison")
    make_charge(name_en="Assembly and collusion against national security", article="610")
    make_charge(name_en="Propaganda against the state", article="500")
    court = Court.objects.create(name_en="Revolutionary Court of Tehran", name_fa="دادگاه انقلاب")
    Judge.objects.create(slug="judge-one", name_en="Judge One", name_fa="قاضی یک", court=court)


def dated(field: str, text: str) -> dict[str, Any]:
    """The four fields of a partial date, read from the text as the staff forms read it."""
    value = parse_partial_date(text)
    return {
        field: value.date,
        f"{field}_precision": value.precision,
        f"{field}_calendar": value.calendar,
        f"{field}_text": value.text,
    }


def make_full_person(slug: str = "nahid-taghavi", **fields: Any) -> Person:
    """A published person with every kind of record; make_directories() must run first."""
    person = make_person(
        slug=slug,
        name_fa="ناهید تقوی",
        name_latin="Nahid Taghavi",
        sex=Sex.FEMALE,
        **dated("birth_date", "1333"),
        birthplace_en="Tehran",
        birthplace_fa="تهران",
        citizenships=["IR", "DE"],
        occupation_en="architect",
        summary_en="Retired architect.",
        summary_fa="معمار بازنشسته.",
        custody_status=CustodyStatus.SERVING,
        current_prison=Prison.objects.get(slug="evin"),
        designated_political_prisoner=True,
        designated_by="Amnesty International",
        designated_on=datetime.date(2021, 3, 1),
        family_contacts=SECRET_FAMILY,
        researcher_notes=SECRET_NOTES,
        categories=Category.objects.all(),
        other_names=["Nahid Taqavi"],
        **fields,
    )
    person.other_names.create(name="ناهید تقوى", kind=NameKind.ALIAS)
    make_events(person, make_cases(person))
    return person


def make_cases(person: Person) -> Case:
    """Two cases; the first (returned) has both charges, a court, a judge and two sentences."""
    report = make_source(
        kind=SourceKind.NGO,
        title="Report on the trial",
        url="https://example.org/report",
        published_on=datetime.date(2021, 8, 1),
        reliability=Reliability.HIGH,
    )
    first = make_case(
        person,
        charges=Charge.objects.all(),
        sources=[report],
        arresting_body=ArrestingBody.IRGC_INTELLIGENCE,
        held_incommunicado=True,
        court=Court.objects.get(),
        court_branch="26",
        judge=Judge.objects.get(),
        lawyer_access=LawyerAccess.DENIED,
        prison=Prison.objects.get(slug="evin"),
        verdict_en="Ten years.",
        **dated("arrested_on", "آبان ۱۳۹۹"),
        **dated("verdict_on", "2021-08-03"),
    )
    make_sentence(first, kind=SentenceKind.PRISON, imposed=396, enforceable=144, sources=[report])
    make_sentence(first, kind=SentenceKind.LASHES, imposed=74, suspended=True)
    second = make_case(
        person, prison=Prison.objects.get(slug="qarchak"), **dated("arrested_on", "1401")
    )
    make_sentence(second, kind=SentenceKind.EXILE, imposed=24, place_en="Zabol", place_fa="زابل")
    return first


def make_events(person: Person, case: Case) -> None:
    """Three events: one of the case, one with two sources, one undated and unsourced."""
    make_event(
        person,
        case=case,
        kind=EventKind.ARREST,
        **dated("occurred_on", "آبان ۱۳۹۹"),
        prison=case.prison,
        description_en="Arrested at home.",
    )
    family = make_source(kind=SourceKind.FAMILY, language="fa")
    make_event(
        person,
        kind=EventKind.HUNGER_STRIKE,
        description_fa="اعتصاب غذا",
        sources=[make_source(), family],
    )
    Event.objects.create(person=person, kind=EventKind.LETTER, occurred_on_text="early that year")

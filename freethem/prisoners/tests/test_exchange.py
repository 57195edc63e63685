"""Export and import of whole records: round trips in CSV and JSON, the public export, formula
injection, and the export_prisoners / import_prisoners commands."""

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from freethem.prisoners.exchange import (
    csv_lines,
    import_people,
    json_chunks,
    people_to_csv,
    people_to_json,
)
from freethem.prisoners.exchange.csv import COLUMNS
from freethem.prisoners.models import Person, Source
from freethem.prisoners.tests.exchange_factories import (
    SECRET_FAMILY,
    SECRET_NOTES,
    make_directories,
    make_full_person,
)
from freethem.prisoners.tests.factories import make_person
from freethem.prisoners.vocab import PhotoVisibility, Publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def person() -> Person:
    make_directories()
    return make_full_person()


def everyone(*, public: bool = False) -> list[dict[str, Any]]:
    return people_to_json(Person.objects.all(), public=public)


def export(format: str, *, public: bool = False) -> str:
    if format == "csv":
        return people_to_csv(Person.objects.all(), public=public)
    return json.dumps(everyone(public=public), ensure_ascii=False)


def empty_the_database() -> None:
    """Every person and source goes; the directories (categories, prisons, …) stay."""
    Person.objects.all().delete()
    Source.objects.all().delete()


def csv_records(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# Round trips --------------------------------------------------------------------------------


@pytest.mark.parametrize("format", ["csv", "json"])
def test_it_gives_the_same_records_back_after_export_and_import(
    person: Person, format: str
) -> None:
    before = everyone()
    data = export(format)
    empty_the_database()

    result = import_people(data, format=format)

    assert result.error_lines() == []
    assert (result.created, result.updated) == (1, 0)
    assert everyone() == before


@pytest.mark.parametrize("format", ["csv", "json"])
def test_it_keeps_a_solar_hijri_month_and_the_sentence_as_imposed_and_enforceable(
    person: Person, format: str
) -> None:
    data = export(format)
    empty_the_database()
    import_people(data, format=format)

    case = Person.objects.get().cases.get(arrested_on_text="آبان ۱۳۹۹")
    assert (case.arrested_on_precision, case.arrested_on_calendar) == ("month", "jalali")
    assert case.arrested_on.isoformat() == "2020-10-22"  # 1 Aban 1399: no day was invented
    prison_term = case.sentences.get(kind="prison")
    assert (prison_term.imposed, prison_term.enforceable) == (396, 144)
    assert prison_term.sources.get().url == "https://example.org/report"


def test_it_writes_the_record_as_json_with_dates_cases_and_timeline(person: Person) -> None:
    [record] = everyone()
    first_case = record["cases"][0]
    assert first_case["arrested_on"] == {
        "date": "2020-10-22",
        "precision": "month",
        "calendar": "jalali",
        "text": "آبان ۱۳۹۹",
    }
    assert first_case["charges"][0] == {
        "name_en": "Assembly and collusion against national security",
        "article": "610",
    }
    assert (first_case["court"], first_case["judge"], first_case["prison"]) == (
        "Revolutionary Court of Tehran",
        "judge-one",
        "evin",
    )
    assert record["categories"] == ["labour", "womens-rights"]
    assert record["citizenships"] == ["DE", "IR"]
    # Undated events come last, on every database.
    assert [(event["kind"], event["case"]) for event in record["events"]] == [
        ("arrest", 1),
        ("hunger-strike", None),
        ("letter", None),
    ]


def test_it_writes_one_row_per_record_keyed_by_person_and_number(person: Person) -> None:
    rows = csv_records(export("csv"))

    keys = [(row["record"], row["case"], row["sentence"], row["event"]) for row in rows]
    assert keys[:6] == [
        ("person", "", "", ""),
        ("case", "1", "", ""),
        ("source", "1", "", ""),
        ("sentence", "1", "1", ""),
        ("source", "1", "1", ""),
        ("sentence", "1", "2", ""),
    ]
    assert {row["person"] for row in rows} == {"nahid-taghavi"}
    person_row = rows[0]
    assert person_row["categories"] == "labour|womens-rights"
    assert person_row["summary__fa"] == "معمار بازنشسته."
    assert (person_row["other_names"], person_row["aliases"]) == ("Nahid Taqavi", "ناهید تقوى")
    arrest = next(row for row in rows if row["record"] == "event" and row["kind"] == "arrest")
    assert (arrest["case"], arrest["occurred_on"], arrest["occurred_on_precision"]) == (
        "1",
        "آبان ۱۳۹۹",
        "month",
    )


def test_it_streams_the_same_export_it_returns_whole(person: Person) -> None:
    people = Person.objects.all()
    assert "".join(csv_lines(people, public=False)) == people_to_csv(people, public=False)
    assert json.loads("".join(json_chunks(people, public=False))) == everyone()


def test_it_keeps_private_fields_when_the_file_leaves_them_out(person: Person) -> None:
    public_file = export("csv", public=True)
    Person.objects.filter(pk=person.pk).update(name_latin="Typo")

    result = import_people(public_file, format="csv")

    assert (result.created, result.updated) == (0, 1)
    person.refresh_from_db()
    assert person.name_latin == "Nahid Taghavi"
    assert (person.family_contacts, person.researcher_notes) == (SECRET_FAMILY, SECRET_NOTES)


def test_it_reads_the_public_json_export_with_its_wrapper(person: Person) -> None:
    data = json.dumps({"prisoners": everyone(public=True), "generated": "2024-01-01T00:00:00Z"})
    empty_the_database()

    assert import_people(data, format="json").created == 1


# The public export --------------------------------------------------------------------------


@pytest.fixture
def secret_and_draft() -> None:
    make_person(
        slug="published-one",
        family_contacts=SECRET_FAMILY,
        researcher_notes=SECRET_NOTES,
        photo="prisoners/staff-only.jpg",
        photo_visibility=PhotoVisibility.STAFF,
    )
    make_person(slug="draft-one", name_latin="Draft Person", publication=Publication.DRAFT)
    make_person(slug="in-review", name_latin="Reviewed Person", publication=Publication.REVIEW)


@pytest.mark.parametrize("format", ["csv", "json"])
def test_it_leaves_private_fields_drafts_and_staff_photos_out_of_the_public_export(
    secret_and_draft: None, format: str
) -> None:
    public = export(format, public=True)

    assert "published-one" in public
    left_out = (
        SECRET_FAMILY,
        SECRET_NOTES,
        "staff-only.jpg",
        "Draft Person",
        "draft-one",
        "Reviewed Person",
        "family_contacts",
        "researcher_notes",
    )
    for secret in left_out:
        assert secret not in public


@pytest.mark.parametrize("format", ["csv", "json"])
def test_it_gives_staff_everything(secret_and_draft: None, format: str) -> None:
    staff = export(format)

    for fact in (SECRET_FAMILY, SECRET_NOTES, "staff-only.jpg", "Draft Person"):
        assert fact in staff


def test_it_gives_a_public_photo_in_the_public_export() -> None:
    make_person(
        photo="prisoners/public.jpg", photo_visibility=PhotoVisibility.PUBLIC, photo_credit="Family"
    )

    [record] = everyone(public=True)

    assert (record["photo"], record["photo_credit"]) == ("prisoners/public.jpg", "Family")


# Formula injection --------------------------------------------------------------------------

FORMULAS = {
    "summary_en": '=HYPERLINK("https://attacker.example","click")',
    "designated_by": "@SUM(A1:A9)",
    "birthplace_en": "+98 21 1234",
    "occupation_en": "-2+3",
    "photo_credit": "'=already quoted",
}


def test_it_neutralises_formulas_in_csv_cells() -> None:
    make_person(slug="formulas", **FORMULAS)

    [row] = csv_records(export("csv"))

    for key, value in FORMULAS.items():
        column = key.replace("_en", "__en")
        assert row[column] == "'" + value
        assert row[column][0] == "'"


def test_it_reads_neutralised_cells_back_as_they_were() -> None:
    make_person(slug="formulas", **FORMULAS)
    data = export("csv")
    empty_the_database()

    import_people(data, format="csv")

    person = Person.objects.get()
    assert {key: getattr(person, key) for key in FORMULAS} == FORMULAS


# Management commands ------------------------------------------------------------------------


def test_it_exports_json_to_standard_output(person: Person) -> None:
    out = io.StringIO()
    call_command("export_prisoners", "--format", "json", stdout=out)

    assert json.loads(out.getvalue()) == everyone()
    assert SECRET_FAMILY in out.getvalue()


def test_it_exports_public_csv_to_a_file(person: Person, tmp_path: Path) -> None:
    target = tmp_path / "prisoners.csv"
    call_command("export_prisoners", "--public", "-o", str(target))

    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0].split(",")[:3] == COLUMNS[:3]
    assert "Nahid Taghavi" in text
    assert SECRET_FAMILY not in text


@pytest.mark.parametrize("suffix", ["csv", "json"])
def test_it_imports_a_file_with_the_command(person: Person, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"prisoners.{suffix}"
    call_command("export_prisoners", "-o", str(target))
    before = everyone()
    empty_the_database()
    out = io.StringIO()

    call_command("import_prisoners", str(target), stdout=out)

    assert out.getvalue().strip() == "Created 1, updated 0."
    assert everyone() == before


def test_it_prints_every_error_and_fails_when_the_file_has_errors(tmp_path: Path) -> None:
    target = tmp_path / "bad.csv"
    target.write_text(
        "record,person,name_fa,name_latin,birth_date,sex\n"
        "person,one,یک,One,2021-02-30,female\n"
        "person,two,دو,Two,,robot\n",
        encoding="utf-8",
    )
    err = io.StringIO()

    with pytest.raises(CommandError, match=r"^Nothing was imported: the file has 2 errors\.$"):
        call_command("import_prisoners", str(target), stderr=err)

    assert err.getvalue().splitlines() == [
        "Row 2, column birth_date: That day does not exist in that month.",
        "Row 3, column sex: “robot” is not one of: female, male, other, unknown.",
    ]
    assert not Person.objects.exists()


def test_it_checks_without_importing_on_a_dry_run(person: Person, tmp_path: Path) -> None:
    target = tmp_path / "prisoners.json"
    call_command("export_prisoners", "-o", str(target))
    empty_the_database()
    out = io.StringIO()

    call_command("import_prisoners", str(target), "--dry-run", stdout=out)

    assert "would create 1, update 0" in out.getvalue()
    assert not Person.objects.exists()


@pytest.mark.parametrize("format", ["csv", "json"])
def test_it_gives_the_demo_prisoners_back_after_export_and_import(format: str) -> None:
    from freethem.prisoners import demo

    demo.load()
    before = everyone()
    data = export(format)
    empty_the_database()

    result = import_people(data, format=format)

    assert (result.error_lines(), result.created) == ([], len(before))
    assert everyone() == before

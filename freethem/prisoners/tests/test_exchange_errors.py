"""Importing checks every row first, names each bad row by number and column, and imports
nothing from a file with errors."""

import json

import pytest

from freethem.core.dates import DATE_NO_SUCH_DAY
from freethem.prisoners.exchange import RowError, import_people, importing
from freethem.prisoners.exchange.checks import (
    DATE_MISMATCH,
    DUPLICATE_SLUG,
    ENFORCEABLE_OVER_IMPOSED,
    SENTENCE_NEEDS_SOURCE,
    UNKNOWN_CATEGORY,
    UNKNOWN_CHARGE,
    UNKNOWN_PRISON,
)
from freethem.prisoners.exchange.csv import (
    MISSING_HEADER,
    NO_SUCH_PERSON,
    NOT_APPLICABLE,
    UNKNOWN_COLUMN,
)
from freethem.prisoners.exchange.importing import NOT_UTF8, TOO_LARGE
from freethem.prisoners.exchange.json import NOT_A_LIST
from freethem.prisoners.exchange.records import NO_SUCH_CASE
from freethem.prisoners.models import Person, Sentence
from freethem.prisoners.tests.factories import make_category, make_person

pytestmark = pytest.mark.django_db

HEADER = "record,person,case,sentence,event,name_fa,name_latin,birth_date,categories,kind,imposed,enforceable,title"  # noqa: E501


def csv_file(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


@pytest.fixture
def existing() -> Person:
    make_category(slug="labour")
    return make_person(slug="old-friend", name_latin="Old Name", name_fa="نام قدیم")


def test_it_imports_nothing_and_names_every_bad_row(existing: Person) -> None:
    data = csv_file(
        "person,old-friend,,,,نام نو,New Name,,labour,,,,",
        "person,bad-date,,,,تاریخ,Bad Date,2021-02-30,,,,,",
        "person,bad-category,,,,دسته,Bad Category,,labour|no-such-thing,,,,",
        "person,old-friend,,,,دوباره,Twice,,,,,,",
        "case,old-friend,1,,,,,,,,,,",
        "sentence,old-friend,1,1,,,,,,prison,144,396,",
        "source,old-friend,1,1,,,,,,ngo,,,A report",
        "person,new-person,,,,تازه,New Person,آبان ۱۳۹۹,,,,,",
    )

    result = import_people(data, format="csv")

    assert result.errors == [
        RowError(3, "birth_date", str(DATE_NO_SUCH_DAY)),
        RowError(4, "categories", str(UNKNOWN_CATEGORY) % {"value": "no-such-thing"}),
        RowError(5, "person", str(DUPLICATE_SLUG) % {"value": "old-friend"}),
        RowError(7, "enforceable", str(ENFORCEABLE_OVER_IMPOSED)),
    ]
    assert result.error_lines()[0] == (
        "Row 3, column birth_date: That day does not exist in that month."
    )
    assert (result.created, result.updated) == (0, 0)
    assert Person.objects.count() == 1
    existing.refresh_from_db()
    assert existing.name_latin == "Old Name"
    assert not existing.cases.exists()


def test_it_imports_a_good_file_in_full(existing: Person) -> None:
    data = csv_file(
        "person,old-friend,,,,نام نو,New Name,,labour,,,,",
        "case,old-friend,1,,,,,,,,,,",
        "sentence,old-friend,1,1,,,,,,prison,396,144,",
        "source,old-friend,1,1,,,,,,ngo,,,A report",
        "person,new-person,,,,تازه,New Person,آبان ۱۳۹۹,,,,,",
    )

    result = import_people(data, format="csv")

    assert (result.errors, result.created, result.updated) == ([], 1, 1)
    existing.refresh_from_db()
    assert existing.name_latin == "New Name"
    assert list(existing.categories.values_list("slug", flat=True)) == ["labour"]
    sentence = Sentence.objects.get(case__person=existing)
    assert (sentence.imposed, sentence.enforceable) == (396, 144)
    assert sentence.sources.get().title == "A report"
    newcomer = Person.objects.get(slug="new-person")
    assert newcomer.birth.precision == "month" and newcomer.birth.calendar == "jalali"
    assert newcomer.birth_date_text == "آبان ۱۳۹۹"
    assert newcomer.publication == "draft"  # a new person waits for review


def test_it_refuses_a_file_that_is_not_utf8() -> None:
    # As Excel on Windows saves Persian "CSV" (Windows-1256, where yeh is the Arabic one).
    data = csv_file("person,someone,,,,نرگس محمدي,Narges,,,,,,").encode("cp1256")

    result = import_people(data, format="csv")

    assert result.error_lines() == [str(NOT_UTF8)]
    assert not Person.objects.exists()


def test_it_reads_utf8_with_a_byte_order_mark() -> None:
    data = "\ufeff" + csv_file("person,someone,,,,نرگس محمدی,Narges,,,,,,")

    assert import_people(data.encode("utf-8"), format="csv").created == 1


def test_it_refuses_a_file_that_is_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importing, "MAX_IMPORT_BYTES", 1024 * 1024)

    result = import_people(b"x" * (1024 * 1024 + 1), format="csv")

    assert result.error_lines() == [str(TOO_LARGE) % {"megabytes": 1}]


def test_it_names_a_missing_header() -> None:
    data = "record,person,name_fa\nperson,someone,نام\n"

    result = import_people(data, format="csv")

    expected = str(MISSING_HEADER) % {"column": "name_latin"}
    assert result.error_lines() == [f"Row 1: {expected}"]


def test_it_names_an_unknown_column() -> None:
    data = "record,person,name_fa,name_latin,summary_en\nperson,someone,نام,Name,Hello\n"

    result = import_people(data, format="csv")

    assert result.errors == [
        RowError(1, "summary_en", str(UNKNOWN_COLUMN) % {"column": "summary_en"})
    ]


def test_it_names_rows_that_belong_nowhere_or_fill_the_wrong_columns() -> None:
    data = csv_file(
        "person,someone,,,,نام,Name,,,,,,",
        "case,nobody,1,,,,,,,,,,",
        "case,someone,1,,,نام,,,,,,,",
        "sentence,someone,1,1,,,,,,prison,12,,",
    )

    result = import_people(data, format="csv")

    assert result.errors == [
        RowError(3, "person", str(NO_SUCH_PERSON) % {"value": "nobody"}),
        RowError(4, "name_fa", str(NOT_APPLICABLE) % {"record": "case"}),
        RowError(5, "sentence", str(SENTENCE_NEEDS_SOURCE)),
    ]


def test_it_catches_a_date_text_edited_without_its_gregorian_date() -> None:
    header = "record,person,name_fa,name_latin,birth_date,birth_date_gregorian,birth_date_precision"
    data = f"{header}\nperson,someone,نام,Name,آذر ۱۳۹۹,2020-10-22,month\n"

    result = import_people(data, format="csv")

    assert result.errors == [RowError(2, "birth_date", str(DATE_MISMATCH))]


def test_it_refuses_json_that_is_not_a_list_of_people() -> None:
    for data in ('{"slug": "someone"}', '"text"', "[1, 2]"):
        result = import_people(data, format="json")
        assert result.errors
    assert import_people('{"slug": "x"}', format="json").error_lines() == [str(NOT_A_LIST)]
    assert import_people("[1]", format="json").error_lines() == [
        "Row 1: Expected an object with named fields."
    ]


def test_it_names_the_path_of_a_bad_value_in_json() -> None:
    person = {
        "slug": "someone",
        "name_fa": "نام",
        "name_latin": "Name",
        "current_prison": "nowhere",
        "cases": [
            {
                "arrested_on": "2021-02-30",
                "charges": [{"name_en": "Made up", "article": "1"}],
                "sentences": [
                    {
                        "kind": "prison",
                        "imposed": 10,
                        "enforceable": 20,
                        "sources": [{"kind": "ngo", "title": "A report"}],
                    }
                ],
            }
        ],
        "events": [{"kind": "arrest", "case": 2}],
    }

    result = import_people(json.dumps([person]), format="json")

    assert result.errors == [
        RowError(1, "current_prison", str(UNKNOWN_PRISON) % {"value": "nowhere"}),
        RowError(1, "cases[1].arrested_on", str(DATE_NO_SUCH_DAY)),
        RowError(1, "cases[1].charges[1].name_en", str(UNKNOWN_CHARGE) % {"value": "Made up (1)"}),
        RowError(1, "cases[1].sentences[1].enforceable", str(ENFORCEABLE_OVER_IMPOSED)),
        RowError(1, "events[1].case", str(NO_SUCH_CASE) % {"value": 2}),
    ]
    assert not Person.objects.exists()


def test_it_names_a_bad_choice_a_negative_number_and_a_missing_name() -> None:
    fine = {"kind": "fine", "imposed": -5, "sources": [{"kind": "ngo", "title": "A report"}]}
    person = {
        "slug": "Not A Slug!",
        "name_fa": "نام",
        "sex": "robot",
        "cases": [{"sentences": [fine]}],
    }

    lines = import_people(json.dumps([person]), format="json").error_lines()

    assert lines == [
        "Row 1, column name_latin: This value is required.",
        "Row 1, column slug: Enter a valid “slug” consisting of letters, numbers, underscores "
        "or hyphens.",
        "Row 1, column sex: “robot” is not one of: female, male, other, unknown.",
        "Row 1, column cases[1].sentences[1].imposed: Enter a whole number that is not negative.",
    ]


def test_it_names_a_name_given_twice_and_a_case_number_used_twice() -> None:
    long_name = "x" * 201
    person = {
        "slug": "someone",
        "name_fa": "نام",
        "name_latin": "Name",
        "other_names": [
            {"name": "Nahid"},
            {"name": long_name},
            {"name": long_name},
            {"name": "Nahid", "kind": "alias"},
        ],
        "cases": [{"number": 1}, {"number": 1}, {"number": 0}, {"number": 0}],
    }

    lines = import_people(json.dumps([person]), format="json").error_lines()

    too_long = "Ensure this value has at most 200 characters (it has 201)."
    assert lines == [
        f"Row 1, column other_names[2].name: {too_long}",
        f"Row 1, column other_names[3].name: {too_long}",
        "Row 1, column other_names[4].name: The name “Nahid” is given twice for this person.",
        "Row 1, column cases[3].number: Enter a whole number from 1.",
        "Row 1, column cases[4].number: Enter a whole number from 1.",
        "Row 1, column cases[2].number: Another record of this person in the file has the "
        "number 1.",
    ]


def test_it_names_cells_outside_the_named_columns_and_ignores_empty_ones() -> None:
    data = "record,person,name_fa,name_latin,\nperson,one,یک,One,,\nperson,two,دو,Two,stray\n"

    result = import_people(data, format="csv")

    assert result.error_lines() == [
        "Row 3: This row has cells in columns that the header row does not name."
    ]

r"""The CSV layout of the case database's exchange files: one file, one row per record.

A person has any number of cases, a case any number of sentence components, and every case,
sentence and event any number of sources. Packed into one row per person, those become
structures inside `|`-lists inside cells, which no one can read or correct in a spreadsheet.
So every row here is one record, of the type named in the `record` column, keyed by the
person's slug and by numbers within the person; one file still holds everything:

    record    person         case  sentence  event  name_fa     kind     imposed  title
    person    nahid-taghavi                         ناهید تقوی
    case      nahid-taghavi  1
    source    nahid-taghavi  1                                  ngo               Report …
    sentence  nahid-taghavi  1     1                            prison   128
    source    nahid-taghavi  1     1                            news              Report …
    event     nahid-taghavi  1               1                  arrest
    source    nahid-taghavi                  1                  family            Letter …

- A `person` row gives the slug in `person`. `case` rows are numbered 1, 2, … in `case`;
  `sentence` rows name their case and are numbered in `sentence`; `event` rows are numbered in
  `event` and may name their case in `case`. A `source` row supports the event named in
  `event`, else the sentence named by `case` and `sentence`, else the case named in `case`.
- The export sorts rows person by person (by slug), each person followed by its cases (each
  with its sources and sentences, each sentence with its sources) and then its events (each
  with its sources). Reading does not depend on that order: the keys say where a row belongs.
- Columns follow Uwazi's conventions: bilingual text as `field__en` / `field__fa`
  (`summary__en`), and several values in one cell separated by `|` (`categories`,
  `citizenships`, `charges`, and the other names by kind: `other_names`, `aliases`,
  `birth_names`), with a `|` or `\` inside a value written `\|` or `\\`. The person's two names
  are `name_fa` and `name_latin`: two scripts, not two translations.
- A partial date takes four columns: `birth_date` (the text as the source gave it),
  `birth_date_gregorian` (YYYY-MM-DD), `birth_date_precision` and `birth_date_calendar`. A
  hand-written file may give the text alone ("آبان ۱۳۹۹"), read as the staff forms read it.
- Charges are written "English name (article)", courts by English name, prisons, judges and
  categories by slug, citizenships as ISO codes, yes/no values as true or false.
- Errors name spreadsheet rows: the header is row 1, the first record row 2.
- Against formula injection (OWASP), a cell that starts with = + - @, a tab, a carriage return
  or an apostrophe is written with an apostrophe in front; reading takes that apostrophe off
  (freethem.core.spreadsheet's guard and unguard).
"""

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from freethem.core import spreadsheet
from freethem.core.dates import Calendar, Precision
from freethem.prisoners.exchange.records import (
    BAD_KEY_NUMBER,
    CASE_KEYS,
    DATE_KEYS,
    DUPLICATE_NUMBER,
    EVENT_KEYS,
    NO_SUCH_CASE,
    PERSON_KEYS,
    PRIVATE_KEYS,
    REQUIRED,
    SENTENCE_KEYS,
    SOURCE_KEYS,
    Node,
    RowError,
    charge_label,
    people_records,
)
from freethem.prisoners.models import PersonQuerySet
from freethem.prisoners.vocab import NameKind

CSV_UNREADABLE = _("This row is not readable CSV: %(error)s")
MISSING_HEADER = _("The header row has no “%(column)s” column.")
UNKNOWN_COLUMN = _("The header row has a column “%(column)s” that this import does not know.")
DUPLICATE_COLUMN = _("The header row has the column “%(column)s” twice.")
EXTRA_CELLS = _("This row has cells in columns that the header row does not name.")
UNKNOWN_RECORD = _("The record type must be one of: %(choices)s.")
NOT_APPLICABLE = _("This column does not apply to a %(record)s row; leave it empty.")
NO_SUCH_PERSON = _("No person row in this file has the slug “%(value)s”.")
NO_SUCH_SENTENCE = _("That case has no sentence %(value)s in this file.")
NO_SUCH_EVENT = _("This person has no event %(value)s in this file.")
SOURCE_PARENT = _("Say what this source supports: a case (and sentence) or an event, not both.")

RECORDS = ("person", "case", "sentence", "event", "source")  # also the order rows are read in
KEY_COLUMNS = ("record", "person", "case", "sentence", "event")
REQUIRED_COLUMNS = ("record", "person", "name_fa", "name_latin")
NAME_COLUMNS = {
    NameKind.VARIANT: "other_names",
    NameKind.ALIAS: "aliases",
    NameKind.BIRTH: "birth_names",
}
LIST_KEYS = ("categories", "citizenships")
DATE_COLUMNS = (
    ("text", ""),
    ("date", "_gregorian"),
    ("precision", "_precision"),
    ("calendar", "_calendar"),
)
UNKNOWN_DATE = {
    "date": None,
    "precision": Precision.UNKNOWN,
    "calendar": Calendar.GREGORIAN,
    "text": "",
}
# The keys each record type gives in its own columns; the rest are key columns or other rows.
ROW_KEYS = {
    "person": [key for key in PERSON_KEYS if key not in ("slug", "cases", "events")],
    "case": [key for key in CASE_KEYS if key not in ("number", "sources", "sentences")],
    "sentence": [key for key in SENTENCE_KEYS if key != "sources"],
    "event": [key for key in EVENT_KEYS if key not in ("case", "sources")],
    "source": list(SOURCE_KEYS),
}
RECORD_KEY_COLUMNS = {
    "person": ("person",),
    "case": ("person", "case"),
    "sentence": ("person", "case", "sentence"),
    "event": ("person", "case", "event"),
    "source": ("person", "case", "sentence", "event"),
}
# Where a record's key is named in errors when it is not the key's own column.
KEY_WHERE = {
    "person": {"slug": "person"},
    "case": {"number": "case"},
    "sentence": {"sources": "sentence"},
    "event": {"case": "case"},
}


def key_columns(key: str) -> list[str]:
    if key in DATE_KEYS:
        return [key + suffix for _part, suffix in DATE_COLUMNS]
    if key == "other_names":
        return list(NAME_COLUMNS.values())
    if key.endswith(("_en", "_fa")) and key != "name_fa":
        return [f"{key[:-3]}__{key[-2:]}"]
    return [key]


def _columns() -> list[str]:
    columns = list(KEY_COLUMNS)
    for keys in ROW_KEYS.values():
        columns += [c for key in keys for c in key_columns(key) if c not in columns]
    return columns


COLUMNS = _columns()
APPLIES = {
    record: {"record", *RECORD_KEY_COLUMNS[record]}
    | {column for key in ROW_KEYS[record] for column in key_columns(key)}
    for record in RECORDS
}
COLUMN_OF = {key: key_columns(key)[0] for keys in ROW_KEYS.values() for key in keys}
COLUMN_OF |= {f"{key}.{part}": key + suffix for key in DATE_KEYS for part, suffix in DATE_COLUMNS}


def header(*, public: bool) -> list[str]:
    return [column for column in COLUMNS if not (public and column in PRIVATE_KEYS)]


# Cells --------------------------------------------------------------------------------------


def join(values: Iterable[str]) -> str:
    return "|".join(value.replace("\\", "\\\\").replace("|", "\\|") for value in values)


def split(cell: str) -> list[str]:
    """The values of a `|`-separated cell, where `\\|` is a `|` and `\\\\` a backslash."""
    values, current, chars = [], [], iter(cell)
    for char in chars:
        if char == "|":
            values.append("".join(current))
            current = []
        elif char == "\\":
            following = next(chars, "")
            current.append(following if following in ("|", "\\") else char + following)
        else:
            current.append(char)
    values.append("".join(current))
    return [value.strip() for value in values if value.strip()]


def text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# Export -------------------------------------------------------------------------------------


def cells(kind: str, record: dict[str, Any]) -> dict[str, str]:
    """The cells of one record's own columns."""
    row = {}
    for key in ROW_KEYS[kind]:
        if key not in record:  # a private field left out of a public export
            continue
        value = record[key]
        if key in DATE_KEYS:
            # A date nobody knows stays empty: empty cells read back as just that.
            known = value != UNKNOWN_DATE
            row |= {key + suffix: text(value[part]) * known for part, suffix in DATE_COLUMNS}
        elif key == "other_names":
            for name_kind, column in NAME_COLUMNS.items():
                row[column] = join(name["name"] for name in value if name["kind"] == name_kind)
        elif key == "charges":
            row[key] = join(charge_label(charge["name_en"], charge["article"]) for charge in value)
        elif key in LIST_KEYS:
            row[key] = join(value)
        else:
            row[key_columns(key)[0]] = text(value)
    return row


def source_rows(sources: list[dict], keys: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for source in sources:
        yield {"record": "source", **keys, **cells("source", source)}


def person_rows(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The rows of one person's record: the person, the cases, then the events."""
    slug = record["slug"]
    yield {"record": "person", "person": slug, **cells("person", record)}
    for case in record["cases"]:
        keys = {"person": slug, "case": case["number"]}
        yield {"record": "case", **keys, **cells("case", case)}
        yield from source_rows(case["sources"], keys)
        for number, sentence in enumerate(case["sentences"], 1):
            yield {"record": "sentence", **keys, "sentence": number, **cells("sentence", sentence)}
            yield from source_rows(sentence["sources"], {**keys, "sentence": number})
    for number, event in enumerate(record["events"], 1):
        keys = {"person": slug, "event": number}
        yield {"record": "event", **keys, "case": event["case"], **cells("event", event)}
        yield from source_rows(event["sources"], keys)


def csv_rows(queryset: PersonQuerySet, *, public: bool) -> Iterator[list[str]]:
    """The CSV export as lists of cells (text, not yet guarded), the header row first."""
    columns = header(public=public)
    yield columns
    for record in people_records(queryset, public=public):
        for row in person_rows(record):
            yield [text(row.get(column)) for column in columns]


def csv_lines(queryset: PersonQuerySet, *, public: bool) -> Iterator[str]:
    """The CSV export as text lines, every cell guarded, for a streaming response."""
    return spreadsheet.csv_lines(csv_rows(queryset, public=public))


def write_csv(queryset: PersonQuerySet, out: TextIO, *, public: bool) -> None:
    out.writelines(csv_lines(queryset, public=public))


def people_to_csv(queryset: PersonQuerySet, *, public: bool) -> str:
    return "".join(csv_lines(queryset, public=public))


# Reading ------------------------------------------------------------------------------------


def read_csv(data: str) -> tuple[list[Node], list[RowError]]:
    """The people of a CSV file as Nodes (children attached), and the errors of its layout."""
    rows, errors = parse(data)
    if errors:
        return [], errors
    columns, errors = check_header(rows[0] if rows else [])
    if errors:
        return [], errors
    reader = Reader(columns)
    for number, row in enumerate(rows[1:], 2):
        reader.add(number, row)
    return reader.finish()


def parse(data: str) -> tuple[list[list[str]], list[RowError]]:
    rows: list[list[str]] = []
    try:
        rows.extend(csv.reader(io.StringIO(data, newline="")))
    except csv.Error as error:
        return rows, [RowError(len(rows) + 1, "", gettext(CSV_UNREADABLE) % {"error": error})]
    return rows, []


def check_header(row: list[str]) -> tuple[list[str], list[RowError]]:
    columns = [cell.strip() for cell in row]
    errors = [
        RowError(1, column, gettext(DUPLICATE_COLUMN) % {"column": column})
        for n, column in enumerate(columns)
        if column and column in columns[:n]
    ]
    errors += [
        RowError(1, column, gettext(UNKNOWN_COLUMN) % {"column": column})
        for column in columns
        if column and column not in COLUMNS
    ]
    errors += [
        RowError(1, "", gettext(MISSING_HEADER) % {"column": column})
        for column in REQUIRED_COLUMNS
        if column not in columns
    ]
    return columns, errors


def at(column: str) -> Callable[[str], str]:
    return lambda _key: column


def where_for(record: str) -> Callable[[str], str]:
    own = KEY_WHERE.get(record, {})
    return lambda key: own.get(key) or COLUMN_OF.get(key, key)


class Reader:
    """Builds the people's Nodes from rows, each row attached to its person, case or event."""

    def __init__(self, columns: list[str]) -> None:
        self.columns = columns
        self.people: dict[str, Node] = {}
        self.nodes: list[Node] = []
        self.keyed: dict[tuple, Node] = {}  # ("case", slug, 1), ("sentence", slug, 1, 2), …
        self.rows: dict[str, list[tuple[int, dict[str, str]]]] = {kind: [] for kind in RECORDS}
        self.errors: list[RowError] = []

    def error(self, row: int, column: str, message: str | Promise, **params: object) -> None:
        self.errors.append(RowError(row, column, gettext(message) % params))

    def add(self, row: int, cells: list[str]) -> None:
        named = list(zip(self.columns, (spreadsheet.unguard(cell) for cell in cells), strict=False))
        # Spreadsheets often add unnamed columns at the end: harmless while they stay empty.
        stray = cells[len(self.columns) :] + [cell for column, cell in named if not column]
        if any(cell.strip() for cell in stray):
            self.error(row, "", EXTRA_CELLS)
        values = {column: cell for column, cell in named if column}
        if not any(value.strip() for value in values.values()):
            return
        record = values.get("record", "").strip()
        if record not in RECORDS:
            self.error(row, "record", UNKNOWN_RECORD, choices=", ".join(RECORDS))
            return
        for column, value in values.items():
            if value.strip() and column not in APPLIES[record]:
                self.error(row, column, NOT_APPLICABLE, record=record)
        self.rows[record].append((row, values))

    def finish(self) -> tuple[list[Node], list[RowError]]:
        for record in RECORDS:
            for row, values in self.rows[record]:
                getattr(self, f"add_{record}")(row, values)
        return self.nodes, self.errors

    def node(self, kind: str, row: int, cells: dict[str, str]) -> Node:
        node = Node(kind, row, where_for(kind))
        for key in ROW_KEYS[kind]:
            present = [column for column in key_columns(key) if column in cells]
            if not present:
                continue
            if key in DATE_KEYS:
                parts = {part: cells.get(key + suffix) for part, suffix in DATE_COLUMNS}
                node.values[key] = {
                    part: value for part, value in parts.items() if value is not None
                }
            elif key == "other_names":
                node.children[key] = [
                    Node("name", row, at(column), {"name": name, "kind": name_kind})
                    for name_kind, column in NAME_COLUMNS.items()
                    for name in split(cells.get(column, ""))
                ]
            elif key == "charges":
                node.children[key] = [
                    Node("charge", row, at(key), {"label": label}) for label in split(cells[key])
                ]
            elif key in LIST_KEYS:
                node.values[key] = split(cells[key])
            else:
                node.values[key] = cells[present[0]]
        return node

    def number(self, row: int, cells: dict[str, str], column: str) -> int | None:
        cell = cells.get(column, "").strip()
        if not cell:
            self.error(row, column, REQUIRED)
        elif not cell.isdecimal() or int(cell) < 1:
            self.error(row, column, BAD_KEY_NUMBER)
        else:
            return int(cell)
        return None

    def person(self, row: int, cells: dict[str, str]) -> Node | None:
        slug = cells.get("person", "").strip()
        if slug not in self.people:
            self.error(row, "person", NO_SUCH_PERSON if slug else REQUIRED, value=slug)
            return None
        return self.people[slug]

    def find(self, row: int, column: str, key: tuple, missing: str | Promise) -> Node | None:
        if key not in self.keyed:
            self.error(row, column, missing, value=key[-1])
            return None
        return self.keyed[key]

    def add_person(self, row: int, cells: dict[str, str]) -> None:
        node = self.node("person", row, cells)
        node.values["slug"] = slug = cells.get("person", "").strip()
        self.nodes.append(node)
        if slug:  # the checker reports a missing slug, and a second person with the same one
            self.people.setdefault(slug, node)

    def add_case(self, row: int, cells: dict[str, str]) -> None:
        person, number = self.person(row, cells), self.number(row, cells, "case")
        if person is None or number is None:
            return
        node = self.node("case", row, cells)
        node.values["number"] = number
        person.children.setdefault("cases", []).append(node)
        self.keyed.setdefault(("case", person.values["slug"], number), node)

    def add_sentence(self, row: int, cells: dict[str, str]) -> None:
        person, case = self.person(row, cells), self.number(row, cells, "case")
        number = self.number(row, cells, "sentence")
        if person is None or case is None or number is None:
            return
        slug = person.values["slug"]
        parent = self.find(row, "case", ("case", slug, case), NO_SUCH_CASE)
        if parent is not None:
            node = self.node("sentence", row, cells)
            parent.children.setdefault("sentences", []).append(node)
            self.keep(row, "sentence", ("sentence", slug, case, number), node)

    def add_event(self, row: int, cells: dict[str, str]) -> None:
        person, number = self.person(row, cells), self.number(row, cells, "event")
        if person is None or number is None:
            return
        node = self.node("event", row, cells)
        node.values["case"] = cells.get("case", "")
        person.children.setdefault("events", []).append(node)
        self.keep(row, "event", ("event", person.values["slug"], number), node)

    def keep(self, row: int, column: str, key: tuple, node: Node) -> None:
        if key in self.keyed:
            self.error(row, column, DUPLICATE_NUMBER, value=key[-1])
        self.keyed.setdefault(key, node)

    def add_source(self, row: int, cells: dict[str, str]) -> None:
        parent = self.source_parent(row, cells)
        if parent is not None:
            parent.children.setdefault("sources", []).append(self.node("source", row, cells))

    def source_parent(self, row: int, cells: dict[str, str]) -> Node | None:
        given = {column: cells.get(column, "").strip() for column in ("case", "sentence", "event")}
        if (given["event"] and (given["case"] or given["sentence"])) or not any(given.values()):
            self.error(row, "", SOURCE_PARENT)
            return None
        if given["sentence"] and not given["case"]:
            self.error(row, "case", REQUIRED)
            return None
        person = self.person(row, cells)
        numbers = {
            column: self.number(row, cells, column) for column, cell in given.items() if cell
        }
        if person is None or None in numbers.values():
            return None
        slug = person.values["slug"]
        if given["event"]:
            return self.find(row, "event", ("event", slug, numbers["event"]), NO_SUCH_EVENT)
        if given["sentence"]:
            key = ("sentence", slug, numbers.get("case"), numbers["sentence"])
            return self.find(row, "sentence", key, NO_SUCH_SENTENCE)
        return self.find(row, "case", ("case", slug, numbers["case"]), NO_SUCH_CASE)

"""The one guard against formula injection and the one CSV writer every export uses."""

import csv
import io

import pytest

from freethem.core.spreadsheet import csv_lines, guard, unguard


@pytest.mark.parametrize(
    "typed", ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'=1+1"]
)
def test_it_writes_a_formula_as_text_and_reads_it_back_exactly(typed: str) -> None:
    assert guard(typed) == "'" + typed
    assert unguard(guard(typed)) == typed


def test_it_leaves_ordinary_text_alone() -> None:
    for typed in ["Nasrin Sotoudeh", "نسرین ستوده", "O'Brien", "1", ""]:
        assert guard(typed) == typed
        assert unguard(typed) == typed


def test_it_streams_rows_a_spreadsheet_reads_as_typed() -> None:
    rows = [["name", "city"], ["=cmd|' /C calc'!A0", 'Paris, "France"'], [None, 5]]
    text = "".join(csv_lines(rows))
    assert list(csv.reader(io.StringIO(text))) == [
        ["name", "city"],
        ["'=cmd|' /C calc'!A0", 'Paris, "France"'],
        ["", "5"],
    ]

"""CSV for people who open it in a spreadsheet: one guard against formula injection and one
streaming writer, used by every export.

A spreadsheet runs a cell that starts like a formula (OWASP's "CSV injection"), and the cells
hold what visitors typed: names, cities, affiliations. So a cell that starts with = + - @, a tab,
a carriage return or an apostrophe is written with an apostrophe in front (the apostrophe too,
so that reading back, which takes one apostrophe off, gives the text exactly).
"""

import csv
from collections.abc import Iterable, Iterator, Sequence

from django.http import StreamingHttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def guard(cell: str) -> str:
    """The cell as a spreadsheet will not run it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def unguard(cell: str) -> str:
    """The text guard() was given (one apostrophe taken off where guard put one)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


class _Echo:
    """A file that hands back what is written to it, so csv.writer makes lines to stream."""

    def write(self, line: str) -> str:
        return line


def csv_lines(rows: Iterable[Sequence[object]], *, guarded: bool = True) -> Iterator[str]:
    """Each row as one CSV line, cells guard()ed unless the caller guarded them already."""
    writer = csv.writer(_Echo())
    for row in rows:
        cells = ["" if cell is None else str(cell) for cell in row]
        yield writer.writerow([guard(cell) for cell in cells] if guarded else cells)


def csv_response(
    rows: Iterable[Sequence[object]], *, filename: str, guarded: bool = True
) -> StreamingHttpResponse:
    """A streaming CSV download of the rows (the header row first), saved as filename."""
    response = StreamingHttpResponse(
        csv_lines(rows, guarded=guarded), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

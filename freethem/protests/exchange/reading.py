"""Reading an exchange file: bytes to text to rows, with every problem of the file as a whole
(size, encoding, binary content, the header) reported before any row is looked at."""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from freethem.protests.exchange.columns import ACLED_COLUMNS, COLUMNS, IGNORED_COLUMNS

MAX_IMPORT_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# Longer than any one value the model holds (notes are long, but not this long).
MAX_CELL = 20_000

TOO_LARGE = _("The file is larger than %(megabytes)s MB; split it into smaller files.")
TOO_MANY_ROWS = _("The file has more than %(rows)s records; split it into smaller files.")
EMPTY_FILE = _("The file is empty.")
NOT_TEXT = _(
    "This is not a CSV text file (it holds binary data). Export the sheet as “CSV UTF-8” "
    "and try again."
)
NOT_UTF8 = _("The file is not UTF-8 text. Save it as “CSV UTF-8 (comma delimited)” and try again.")
CSV_UNREADABLE = _("This row is not readable CSV: %(error)s")
CELL_TOO_LONG = _("This cell is longer than %(limit)s characters.")
MISSING_COLUMN = _("The header row has no “%(column)s” column (ACLED's columns are all needed).")
UNKNOWN_COLUMN = _("The header row has a column “%(column)s” that this import does not know.")
DUPLICATE_COLUMN = _("The header row has the column “%(column)s” twice.")


@dataclass(frozen=True)
class RowError:
    """A problem of the file: the spreadsheet row (the header is row 1; 0 for the whole
    file), the column ("" for the whole row) and what is wrong, in the page's language."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        if not self.column:
            return gettext("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return gettext("Row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


FSI, PDI = "\u2068", "\u2069"  # Unicode's first-strong isolate and its end


def isolate(value: str) -> str:
    return f"{FSI}{value}{PDI}"


def whole_file(message: str) -> list[RowError]:
    return [RowError(0, "", message)]


def decode(data: bytes | str) -> tuple[str, list[RowError]]:
    """The file's text, or the reason there is none. UTF-8 with or without a byte order mark,
    and UTF-16 with one (Excel's "Unicode text"); nothing is guessed beyond that, since a wrong
    guess turns Persian into nonsense without a word."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if len(data) > MAX_IMPORT_BYTES:
        return "", whole_file(gettext(TOO_LARGE) % {"megabytes": MAX_IMPORT_BYTES // 2**20})
    if not data.strip():
        return "", whole_file(gettext(EMPTY_FILE))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            return "", whole_file(gettext(NOT_UTF8))
    if b"\x00" in data:
        return "", whole_file(gettext(NOT_TEXT))
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return "", whole_file(gettext(NOT_UTF8))


def delimiter(text: str) -> str:
    """ACLED writes commas; a spreadsheet in some languages saves with semicolons or tabs."""
    first = text.split("\n", 1)[0]
    counts = {mark: first.count(mark) for mark in (",", ";", "\t")}
    return max(counts, key=lambda mark: counts[mark]) if any(counts.values()) else ","


def read_rows(text: str) -> tuple[list[list[str]], list[RowError]]:
    """The rows of the file (the header first), at most MAX_ROWS records."""
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    try:
        for row in reader:
            if len(rows) > MAX_ROWS:
                return [], whole_file(gettext(TOO_MANY_ROWS) % {"rows": MAX_ROWS})
            rows.append(row)
    except csv.Error as error:
        message = gettext(CSV_UNREADABLE) % {"error": error}
        return [], [RowError(reader.line_num, "", message)]
    errors = [
        RowError(number, "", gettext(CELL_TOO_LONG) % {"limit": MAX_CELL})
        for number, row in enumerate(rows, 1)
        if any(len(cell) > MAX_CELL for cell in row)
    ]
    return rows, errors


def read_header(row: list[str]) -> tuple[list[str], list[str], list[RowError]]:
    """The columns (lower case), the columns read past, and the header's errors."""
    columns = [cell.strip().lower() for cell in row]
    errors = [
        RowError(1, column, gettext(DUPLICATE_COLUMN) % {"column": isolate(column)})
        for n, column in enumerate(columns)
        if column and column in columns[:n]
    ]
    errors += [
        RowError(1, "", gettext(MISSING_COLUMN) % {"column": isolate(column)})
        for column in ACLED_COLUMNS
        if column not in columns
    ]
    # A misspelt column of ours would silently import nothing: refused. Columns ACLED adds are
    # read past (and named on the page).
    errors += [
        RowError(1, column, gettext(UNKNOWN_COLUMN) % {"column": isolate(column)})
        for column in columns
        if column.startswith("x_") and column not in COLUMNS
    ]
    ignored = [
        column
        for column in columns
        if column and column not in COLUMNS and not column.startswith("x_")
    ]
    return columns, ignored, errors


__all__ = ["IGNORED_COLUMNS", "MAX_IMPORT_BYTES", "MAX_ROWS", "RowError", "decode", "read_rows"]

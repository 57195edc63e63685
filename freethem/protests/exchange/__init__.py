"""Exchange of protest records with ACLED's CSV layout (and the Crowd Counting Consortium's
fields, as x_ columns after ACLED's; see exchange.columns).

Export: `export_lines(queryset, public=...)` streams the file; the public one holds published
records with coordinates no finer than the town. Import: `import_acled(data)` checks every
row of a file (exchange.reading, exchange.checks) and saves a clean file in one transaction
(exchange.importing).

The names below are the package's API: views, admin and tests import them from here.
"""

from freethem.protests.exchange.columns import ACLED_COLUMNS, COLUMNS, EXTRA_COLUMNS
from freethem.protests.exchange.export import export_lines, export_rows
from freethem.protests.exchange.importing import ImportResult, import_acled
from freethem.protests.exchange.reading import MAX_IMPORT_BYTES, MAX_ROWS, TOO_LARGE, RowError

__all__ = [
    "ACLED_COLUMNS",
    "COLUMNS",
    "EXTRA_COLUMNS",
    "MAX_IMPORT_BYTES",
    "MAX_ROWS",
    "TOO_LARGE",
    "ImportResult",
    "RowError",
    "export_lines",
    "export_rows",
    "import_acled",
]

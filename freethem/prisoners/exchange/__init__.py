"""Import and export of prisoners with their cases, sentences, timeline and sources.

Export: `people_to_json` gives one dict per person, the complete record (the shape is described
in exchange.records, the file format in exchange.json); `people_to_csv` flattens the same dicts
into the one-row-per-record layout described in exchange.csv. `public=True` leaves out
unpublished people, the private fields (family_contacts, researcher_notes) and staff-only photos.

Import: `import_people` reads either format into one tree of Nodes (exchange.records), checks
every value of every record (exchange.checks), collecting every error as a RowError (row,
column, message), and saves a clean file in one transaction (exchange.importing).

The names below are the package's API: the views, the admin, the services and the management
commands import them from here, not from the modules.
"""

from freethem.prisoners.exchange.csv import csv_lines, csv_rows, people_to_csv, write_csv
from freethem.prisoners.exchange.importing import (
    FORMATS,
    MAX_IMPORT_BYTES,
    TOO_LARGE,
    ImportResult,
    import_people,
)
from freethem.prisoners.exchange.json import json_chunks, people_to_json
from freethem.prisoners.exchange.records import RowError, person_record

__all__ = [
    "FORMATS",
    "MAX_IMPORT_BYTES",
    "TOO_LARGE",
    "ImportResult",
    "RowError",
    "csv_lines",
    "csv_rows",
    "import_people",
    "json_chunks",
    "people_to_csv",
    "people_to_json",
    "person_record",
    "write_csv",
]

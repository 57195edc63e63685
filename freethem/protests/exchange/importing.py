"""Import of a whole ACLED-format file: read it, check every row, then save all or nothing.

A file with any error changes nothing, and the errors name their rows and columns. A clean
file is saved in one transaction. Records are matched by id (exchange.checks): a re-import of
the same file updates the same records and makes no new ones. A column of ours (x_…) that the
file leaves out keeps the record's value; a record's sources are replaced by the file's
(the source column split on ";", with the addresses of x_source_urls).
"""

from dataclasses import dataclass, field

from django.db import transaction

from freethem.protests.exchange.checks import Checker, Clean
from freethem.protests.exchange.reading import RowError, decode, read_header, read_rows
from freethem.protests.models import Protest, ProtestSource, Wave
from freethem.protests.vocab import State


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_lines(self) -> list[str]:
        return [str(error) for error in self.errors]


def import_acled(
    data: bytes | str, *, default_state: str = State.REVIEW, dry_run: bool = False
) -> ImportResult:
    """Check a whole file and, if it has no error (and this is not a dry run), save it.

    default_state is the state of new records whose row gives none (x_state)."""
    text, errors = decode(data)
    if errors:
        return ImportResult(errors=errors)
    rows, errors = read_rows(text)
    if errors:
        return ImportResult(errors=errors)
    columns, ignored, errors = read_header(rows[0])
    if errors:
        return ImportResult(errors=errors, ignored_columns=ignored)
    checker = Checker(columns, default_state)
    named = []
    for number, cells in enumerate(rows[1:], 2):
        values = checker.row(number, cells)
        if values is not None:
            named.append((number, values))
    checker.load(named)
    records = [checker.check(number, values) for number, values in named]
    if checker.errors:
        errors = sorted(checker.errors, key=lambda error: error.row)
        return ImportResult(errors=errors, ignored_columns=ignored)
    updated = sum(1 for record in records if record.existing is not None)
    result = ImportResult(len(records) - updated, updated, ignored_columns=ignored)
    if not dry_run:
        save(records)
    return result


@transaction.atomic
def save(records: list[Clean]) -> None:
    waves: dict[str, Wave] = {}
    for record in records:
        protest = record.existing or Protest(event_id=record.event_id)
        for name, value in record.fields.items():
            setattr(protest, name, value)
        if record.wave is not None:
            protest.wave = wave(record.wave, waves) if record.wave else None
        protest.save()
        protest.sources.all().delete()
        ProtestSource.objects.bulk_create(
            ProtestSource(protest=protest, name=name, url=url) for name, url in record.sources
        )
        if record.groups is not None:
            protest.groups.set(record.groups)
        if record.prisoners is not None:
            protest.prisoners.set(record.prisoners)


def wave(code: str, found: dict[str, Wave]) -> Wave:
    """The wave with this code; a new one, named by its code, when there is none yet."""
    if code not in found:
        found[code] = Wave.objects.get_or_create(code=code, defaults={"name_en": code})[0]
    return found[code]

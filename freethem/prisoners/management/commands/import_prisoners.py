"""manage.py import_prisoners FILE [--format csv|json] [--dry-run]: all of a file or nothing."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from freethem.prisoners.exchange import FORMATS, MAX_IMPORT_BYTES, import_people

IMPORTED = _("Created %(created)s, updated %(updated)s.")
CHECKED = _("The file has no errors: importing it would create %(created)s, update %(updated)s.")
FORMAT_NEEDED = _("Give --format csv or --format json for a file not named .csv or .json.")
NOT_IMPORTED = ngettext_lazy(
    "Nothing was imported: the file has %(count)s error.",
    "Nothing was imported: the file has %(count)s errors.",
    "count",
)


class Command(BaseCommand):
    help = (
        "Import prisoners with their cases, sentences, timeline and sources from a CSV or JSON "
        "file. Every row is checked first; a file with any error imports nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=FORMATS, help="csv or json (default: from FILE)")
        parser.add_argument("--dry-run", action="store_true", help="check the file only")

    def handle(
        self, *args: Any, file: Path, format: str | None, dry_run: bool, **options: Any
    ) -> None:
        format = format or file.suffix.lstrip(".").lower()
        if format not in FORMATS:
            raise CommandError(gettext(FORMAT_NEEDED))
        try:
            with file.open("rb") as opened:
                data = opened.read(MAX_IMPORT_BYTES + 1)  # one byte more is enough to refuse it
        except OSError as error:
            raise CommandError(str(error)) from error
        result = import_people(data, format=format, dry_run=dry_run)
        if result.errors:
            for line in result.error_lines():
                self.stderr.write(line)
            raise CommandError(NOT_IMPORTED % {"count": len(result.errors)})
        done = CHECKED if dry_run else IMPORTED
        self.stdout.write(gettext(done) % {"created": result.created, "updated": result.updated})

"""manage.py export_prisoners --format csv|json [--public] [-o FILE]: every prisoner, in full."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from freethem.prisoners.exchange import FORMATS, csv_lines, json_chunks
from freethem.prisoners.models import Person

FORMAT_NEEDED = _("Give --format csv or --format json, or an -o file name ending in .csv or .json.")


class Command(BaseCommand):
    help = (
        "Export prisoners with their cases, sentences, timeline and sources. Staff export "
        "(everything) unless --public; to standard output unless -o names a file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=FORMATS, help="csv or json (default: from -o)")
        parser.add_argument(
            "--public", action="store_true", help="published people and public fields only"
        )
        parser.add_argument("-o", "--output", type=Path, help="the file to write")

    def handle(
        self, *args: Any, format: str | None, public: bool, output: Path | None, **options: Any
    ) -> None:
        format = format or (output.suffix.lstrip(".").lower() if output else "")
        if format not in FORMATS:
            raise CommandError(gettext(FORMAT_NEEDED))
        chunks = (csv_lines if format == "csv" else json_chunks)(
            Person.objects.all(), public=public
        )
        if output is None:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
            return
        # newline="" keeps the CSV's own \r\n line ends as they are.
        with output.open("w", encoding="utf-8", newline="") as file:
            file.writelines(chunks)

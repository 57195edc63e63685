from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from freethem.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write one archive (mode 0600) holding the database, media, keys and env file; "
        "the last line printed is its path."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--output", type=Path, help="archive file or directory (default FREETHEM_BACKUP_DIR)"
        )
        parser.add_argument(
            "--keys-apart",
            type=Path,
            metavar="PATH",
            help="write the keys to PATH (mode 0600) and leave them out of the archive",
        )

    def handle(
        self, *args: Any, output: Path | None, keys_apart: Path | None, **options: Any
    ) -> None:
        try:
            archive = backup_create(output=output, keys_apart=keys_apart)
        except (BackupError, DatabaseError, OSError) as error:
            raise CommandError(f"backup failed, no archive was written: {error}") from error
        if keys_apart is not None:
            self.stdout.write(
                f"The keys are in {keys_apart}, not in the archive: store them apart from it, "
                "the archive cannot be restored without them."
            )
        self.stdout.write(str(archive))

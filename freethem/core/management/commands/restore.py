import os
from argparse import ArgumentParser
from datetime import datetime
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.db.models.options import Options

from freethem.core import crypto
from freethem.core.backup import BackupError, Restored, backup_restore
from freethem.core.backup.database import describe as database_name
from freethem.core.backup.state import pending_migrations, personal_models


class Command(BaseCommand):
    help = (
        "Restore a backup archive (database, media, keys) into an empty data directory and "
        "database; refuses, changing nothing, when they hold anything."
    )
    # The checks may read the database, which is empty until the restore is done.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--keys",
            type=Path,
            metavar="PATH",
            help="the keys file of a backup made with --keys-apart",
        )

    def handle(self, *args: Any, archive: Path, keys: Path | None, **options: Any) -> None:
        try:
            restored = backup_restore(archive=archive, keys_file=keys)
        except BackupError as error:
            raise CommandError(str(error)) from error
        except DatabaseError as error:
            raise CommandError(f"restore failed: {database_name()}: {error}") from error
        self.stdout.write(
            " ".join([self._summary(restored, archive, keys), *self._notes(restored, archive)])
        )

    def _summary(self, restored: Restored, archive: Path, keys: Path | None) -> str:
        # Each kind of personal data that the archive held rows of (every app's, by name).
        counts = ((model.objects.count(), model._meta) for model in personal_models())
        parts = [_count(number, meta) for number, meta in counts if number]
        staff = User.objects.filter(is_staff=True).count()
        parts += [_plural(staff, "staff user"), _plural(restored.media_files, "media file")]
        made = datetime.fromisoformat(restored.manifest["created_at"])
        vendor = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}[
            restored.manifest["database"]["vendor"]
        ]
        written = f"; wrote {' and '.join(restored.key_files)}" if restored.key_files else ""
        return (
            f"Restored {', '.join(parts[:-1])} and {parts[-1]} from {archive}, made "
            f"{made:%Y-%m-%d %H:%M} UTC ({vendor}; keys from {keys or 'the archive'}{written})."
        )

    def _notes(self, restored: Restored, archive: Path) -> list[str]:
        notes = [self._key_check()]
        pending = pending_migrations()
        if pending:
            notes.append(f"This code has {pending} newer migrations: run bin/manage migrate.")
        env_file = restored.manifest.get("env_file")
        if env_file and not os.environ.get("FREETHEM_ENV_FILE"):
            notes.append(
                f"The backup also holds the env file of {env_file['path']}, not installed here "
                f"(bin/manage restore installs it on a machine without one; or: tar -xzf "
                f"{archive} freethem.env)."
            )
        return notes

    def _key_check(self) -> str:
        try:
            crypto.check_stored_data()
        except ImproperlyConfigured as error:
            raise CommandError(f"restored, but the keys do not fit the data: {error}") from error
        return "The keys decrypt the stored rows."


def _count(number: int, meta: Options) -> str:
    return f"{number} {meta.verbose_name if number == 1 else meta.verbose_name_plural}"


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"

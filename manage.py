#!/usr/bin/env python
"""freethem's command-line utility for administrative tasks."""

import contextlib
import os
import shlex
import sqlite3
import sys
from pathlib import Path

from freethem.core import envfile

ROOT = Path(__file__).resolve().parent


def refuse_without_environment() -> None:
    """On a machine with a production env file, a manage.py run without it would quietly
    make ./var with SQLite and a key of its own: send the operator to bin/manage instead.
    bin/manage sets FREETHEM_ENV when it loads the file; a deliberate FREETHEM_ENV passes."""
    path, _ = envfile.path_from(os.environ)
    if not os.environ.get("FREETHEM_ENV") and path.exists():
        sys.exit(f"manage.py: this machine has a production environment in {path}; run bin/manage")


# Commands that work on an existing site: pointed at a data directory that holds none, they
# would make one there (or ./var) and fail with a traceback. Others (migrate, restore, ...) may
# start from nothing.
NEED_A_SITE = {
    "appeals_lifecycle", "backup", "changepassword", "createappeal", "createstaff",
    "createsuperuser", "export_prisoners", "import_prisoners", "staffinvite", "totpcode",
    "worker",
}  # fmt: skip


def has_site(data_dir: Path) -> bool:
    """Whether the data directory holds a migrated SQLite database (read only, made nowhere)."""
    database = data_dir / "freethem.sqlite3"
    if not database.is_file():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)) as db:
            found = db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
            ).fetchone()
    except sqlite3.Error:
        return True  # let Django say what is wrong with it
    return found is not None


def refuse_without_site(argv: list[str]) -> None:
    """A command that needs a site, pointed at a data directory without one, says so in one
    line and creates nothing (a database server named by DATABASE_URL is not checked here)."""
    if len(argv) < 2 or argv[1] not in NEED_A_SITE or os.environ.get("DATABASE_URL"):
        return
    data_dir = Path(os.environ.get("FREETHEM_DATA_DIR") or ROOT / "var").resolve()
    if not has_site(data_dir):
        sys.exit(
            f"manage.py: no freethem site in {data_dir}: start one there with "
            f"'FREETHEM_DATA_DIR={shlex.quote(str(data_dir))} make run', or set "
            "FREETHEM_DATA_DIR to the data directory of the site you mean."
        )


def main() -> None:
    refuse_without_environment()
    refuse_without_site(sys.argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "freethem.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

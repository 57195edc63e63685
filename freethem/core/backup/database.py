"""The database's part of a backup: a dump made while the site runs, and its restore.

PostgreSQL through pg_dump's custom format and pg_restore; SQLite through its online backup
API, which copies a consistent snapshot while other processes go on writing. The connection is
Django's DATABASES["default"], so a backup dumps exactly the database the site uses; the
password reaches pg_dump through PGPASSWORD in its environment, never on its command line,
where other users of the machine could read it.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

from django.db import connection

from freethem.core.backup.errors import BackupError

# libpq settings Django's OPTIONS may carry, and the environment variables pg_dump reads.
LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
}


def vendor() -> str:
    """ "postgresql" or "sqlite" (BackupError for any other database)."""
    if connection.vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"cannot back up a {connection.vendor} database")
    return connection.vendor


def dump_name() -> str:
    return "database.pgdump" if vendor() == "postgresql" else "database.sqlite3"


def dump(target: Path) -> None:
    """Write the database to target (a new, private file)."""
    if vendor() == "postgresql":
        _pg_run("pg_dump", ["--format=custom", f"--file={target}"])
        if target.stat().st_size == 0:
            raise BackupError("pg_dump wrote nothing")
    else:
        source = sqlite3.connect(f"file:{_sqlite_path()}?mode=ro", uri=True)
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()


def tables() -> list[str]:
    """The tables the database holds already (a restore needs none)."""
    if vendor() == "sqlite":
        path = _sqlite_path()
        if not path.exists() or path.stat().st_size == 0:
            return []
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as database:
            rows = database.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).fetchall()
        return [name for (name,) in rows]
    try:
        return connection.introspection.table_names()
    finally:
        connection.close()


def describe() -> str:
    """Which database this is, for messages: never its password."""
    settings = connection.settings_dict
    if vendor() == "sqlite":
        return f"the SQLite database {settings['NAME']}"
    host = settings.get("HOST") or "the local socket"
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"the PostgreSQL database {settings['NAME']!r} on {host}{port}"


def restore(dumped: Path) -> None:
    """Load a dump made by dump() into the (empty) database."""
    if vendor() == "postgresql":
        # --no-privileges: the old server's GRANTs may name roles this server lacks.
        _pg_run(
            "pg_restore",
            [
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                str(dumped),
            ],
        )
        return
    connection.close()
    path = _sqlite_path()
    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        stale.unlink(missing_ok=True)  # an empty database at most: tables() said so
    os.replace(dumped, path)


def _sqlite_path() -> Path:
    return Path(connection.settings_dict["NAME"])


def _pg_run(tool: str, args: list[str]) -> None:
    settings = connection.settings_dict
    command = [_pg_tool(tool), *args, *_pg_connection_args(settings)]
    environment = {**os.environ, **_pg_environment(settings)}
    try:
        result = subprocess.run(  # noqa: S603 - PostgreSQL's own tool, no shell
            command, env=environment, capture_output=True, text=True, check=False
        )
    except OSError as error:
        raise BackupError(f"cannot run {tool}: {error.strerror}") from error
    if result.returncode != 0:
        output = result.stderr.strip() or result.stdout.strip()
        raise BackupError(f"{tool} failed (exit code {result.returncode}): {output}")


def _pg_connection_args(settings: dict[str, Any]) -> list[str]:
    args = [f"--dbname={settings['NAME']}"]
    if settings.get("HOST"):
        args.append(f"--host={settings['HOST']}")
    if settings.get("PORT"):
        args.append(f"--port={settings['PORT']}")
    if settings.get("USER"):
        args.append(f"--username={settings['USER']}")
    return [*args, "--no-password"]


def _pg_environment(settings: dict[str, Any]) -> dict[str, str]:
    environment = {}
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings["PASSWORD"])
    for option, variable in LIBPQ_OPTIONS.items():
        if settings.get("OPTIONS", {}).get(option):
            environment[variable] = str(settings["OPTIONS"][option])
    return environment


def _pg_tool(name: str) -> str:
    """pg_dump or pg_restore: on PATH, else the newest under /usr/lib/postgresql/*/bin."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: [int(part) for part in re.findall(r"\d+", path.parent.parent.name)],
    )
    if candidates:
        return str(candidates[-1])
    raise BackupError(
        f"{name} not found: install PostgreSQL's client tools (apt-get install postgresql-client)"
    )

"""The throwaway PostgreSQL server of bin/with-postgres, for tests that restart it or need a
database of their own.

    from freethem.core.testing import postgres

    def test_it_survives_a_restart():
        postgres.require()           # skipped locally, a failure under CI=true, without it
        url = postgres.create_database("deploy")
        ...
        postgres.restart()           # every connection is cut, as in a real restart

bin/with-postgres exports WITH_POSTGRES_BINDIR, WITH_POSTGRES_DATA and WITH_POSTGRES_USER
(the system user the server runs as when we are root, else empty) beside DATABASE_URL.
"""

import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

RESTART_TIMEOUT = 60  # seconds pg_ctl waits for the server to accept connections again


def available() -> bool:
    """Whether this process runs under bin/with-postgres (the server can be restarted)."""
    return bool(os.environ.get("WITH_POSTGRES_DATA") and os.environ.get("DATABASE_URL"))


def require() -> None:
    """Skip the test unless it runs under bin/with-postgres; under CI=true, fail instead."""
    if available():
        return
    message = "needs the PostgreSQL pass (bin/with-postgres pytest ..., part of make test)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI=true, so this is a failure")
    pytest.skip(message)


def _tool(name: str) -> str:
    return str(Path(os.environ["WITH_POSTGRES_BINDIR"]) / name)


def _as_server_user(args: list[str]) -> list[str]:
    user = os.environ.get("WITH_POSTGRES_USER", "")
    if not user:
        return args
    return [shutil.which("runuser") or "/usr/sbin/runuser", "-u", user, "--", *args]


def restart() -> None:
    """Restart the server: a fast shutdown ends every session (as `systemctl restart
    postgresql` does), and the call returns once the server accepts connections again."""
    data = Path(os.environ["WITH_POSTGRES_DATA"])
    command = [
        _tool("pg_ctl"),
        "restart",
        "--mode=fast",
        "--wait",
        f"--timeout={RESTART_TIMEOUT}",
        f"--pgdata={data}",
        f"--log={data.parent / 'server.log'}",  # where bin/with-postgres started it logging
    ]
    subprocess.run(  # noqa: S603 - PostgreSQL's own pg_ctl
        _as_server_user(command),
        check=True,
        capture_output=True,
        timeout=RESTART_TIMEOUT + 10,
        env={key: value for key, value in os.environ.items() if not key.startswith("PG")},
    )


def database_url(name: str) -> str:
    """DATABASE_URL with another database name."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def create_database(name: str) -> str:
    """A new, empty database on the server (dropped first if a previous run left it); its URL."""
    drop_database(name)
    _psql(f'CREATE DATABASE "{name}"')
    return database_url(name)


def drop_database(name: str) -> None:
    """Drop the database if it exists, cutting off whoever is still connected to it."""
    _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _psql(sql: str) -> None:
    parts = urlsplit(os.environ["DATABASE_URL"])
    subprocess.run(  # noqa: S603 - PostgreSQL's own psql, our own statement
        [
            _tool("psql"),
            "--no-psqlrc",
            "--quiet",
            "--set=ON_ERROR_STOP=1",
            f"--host={parts.hostname}",
            f"--port={parts.port}",
            f"--username={parts.username}",
            "--dbname=postgres",
            f"--command={sql}",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )

"""The suite runs on the database DATABASE_URL names: PostgreSQL under bin/with-postgres,
SQLite (WAL, IMMEDIATE transactions) without it."""

import os
import sqlite3
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteDatabaseWrapper

from freethem.settings import env_bool

DATABASE_URL = os.environ.get("DATABASE_URL", "")
POOL = env_bool("FREETHEM_DB_POOL", True)

on_postgresql = pytest.mark.skipif(not DATABASE_URL, reason="DATABASE_URL is not set")
on_sqlite = pytest.mark.skipif(bool(DATABASE_URL), reason="DATABASE_URL is set")


@pytest.mark.django_db
def test_it_uses_the_backend_that_database_url_chooses() -> None:
    if DATABASE_URL:
        assert connection.vendor == "postgresql"
        assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    else:
        assert connection.vendor == "sqlite"
        # Django's SQLite backend with write transactions taking turns (core/sqlite).
        assert settings.DATABASES["default"]["ENGINE"] == "freethem.core.sqlite"


@on_postgresql
@pytest.mark.django_db
def test_it_talks_to_the_server_database_url_names() -> None:
    url = urlsplit(DATABASE_URL)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, current_database(), host(inet_server_addr()), "
            "inet_server_port(), current_setting('server_version_num')::int"
        )
        user, database, host, port, version = cursor.fetchone()
    assert (user, host, port) == (url.username, url.hostname, url.port)
    # pytest-django runs the tests in its own database next to the one the URL names.
    assert database == "test_" + url.path.lstrip("/")
    assert version >= 150000, f"PostgreSQL 15 or later is required, the server is {version}"


@on_postgresql
@pytest.mark.django_db
def test_it_reports_postgresql_15_or_later() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (server_version,) = cursor.fetchone()
    assert int(server_version.split(".")[0]) >= 15, server_version


@on_postgresql
@pytest.mark.skipif(not POOL, reason="FREETHEM_DB_POOL is off")
@pytest.mark.django_db
def test_it_takes_connections_from_the_psycopg_pool() -> None:
    from psycopg_pool import ConnectionPool

    assert settings.DATABASES["default"]["CONN_MAX_AGE"] == 0
    assert "pool" in settings.DATABASES["default"]["OPTIONS"]
    connection.ensure_connection()
    assert isinstance(connection.pool, ConnectionPool)
    assert connection.connection._pool is connection.pool


@on_sqlite
@pytest.mark.django_db
def test_it_runs_sqlite_in_wal_mode_with_immediate_transactions() -> None:
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert connection.transaction_mode == "IMMEDIATE"
    assert "PRAGMA journal_mode=WAL;" in options["init_command"]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        (journal_mode,) = cursor.fetchone()
        cursor.execute("PRAGMA foreign_keys")
        (foreign_keys,) = cursor.fetchone()
    # pytest-django's SQLite test database lives in memory, where WAL cannot exist; the
    # test below checks WAL on a file with the same settings.
    expected = "memory" if connection.is_in_memory_db() else "wal"
    assert journal_mode == expected
    assert foreign_keys == 1


@on_sqlite
@pytest.mark.django_db
def test_it_opens_sqlite_files_in_wal_mode_and_locks_on_begin(tmp_path: Path) -> None:
    path = tmp_path / "freethem.sqlite3"
    alias = "wal_check"
    file_connection = SQLiteDatabaseWrapper({**connection.settings_dict, "NAME": path}, alias)
    connections[alias] = file_connection
    try:
        with file_connection.cursor() as cursor:
            pragmas = {}
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout"):
                cursor.execute(f"PRAGMA {name}")
                pragmas[name] = cursor.fetchone()[0]
        assert pragmas == {
            "journal_mode": "wal",
            "synchronous": 1,  # NORMAL
            "foreign_keys": 1,
            "busy_timeout": 20000,
        }
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            # BEGIN IMMEDIATE takes the write lock before anything is written ...
            with (
                transaction.atomic(using=alias),
                pytest.raises(sqlite3.OperationalError, match="locked"),
            ):
                other.execute("BEGIN IMMEDIATE")
            # ... and released it at commit.
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
        finally:
            other.close()
    finally:
        file_connection.close()
        del connections[alias]


@on_sqlite
@pytest.mark.django_db
# IMMEDIATE is the site's own; the task worker claims tasks in EXCLUSIVE transactions.
@pytest.mark.parametrize("mode", ["IMMEDIATE", "EXCLUSIVE"])
def test_it_makes_sqlite_writers_wait_their_turn_instead_of_failing(
    tmp_path: Path, mode: str
) -> None:
    """Two connections with no busy timeout at all: without the writers' turn lock the second
    BEGIN would fail with "database is locked"; with it, the second waits until the first
    commits, then writes."""
    from freethem.core.sqlite.base import DatabaseWrapper

    options = dict(connection.settings_dict["OPTIONS"])
    options["transaction_mode"] = mode
    options["timeout"] = 0
    options["init_command"] = options["init_command"].replace(
        "PRAGMA busy_timeout=20000;", "PRAGMA busy_timeout=0;"
    )
    settings_dict = {
        **connection.settings_dict,
        "NAME": tmp_path / "turns.sqlite3",
        "OPTIONS": options,
    }
    first = DatabaseWrapper(settings_dict, "first")
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE event (name TEXT)")
    events: list[str] = []
    started = threading.Event()

    def write_second() -> None:
        second = DatabaseWrapper(settings_dict, "second")  # a connection of its own thread
        started.set()
        second.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
        with second.cursor() as cursor:
            cursor.execute("INSERT INTO event VALUES ('second')")
        events.append("second wrote")
        second.commit()
        second.set_autocommit(True)
        second.close()

    first.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    with first.cursor() as cursor:
        cursor.execute("INSERT INTO event VALUES ('first')")
    thread = threading.Thread(target=write_second)
    thread.start()
    started.wait()
    time.sleep(0.3)  # the second writer is waiting for its turn now
    events.append("first commits")
    first.commit()
    first.set_autocommit(True)
    thread.join(timeout=10)
    with first.cursor() as cursor:
        cursor.execute("SELECT name FROM event ORDER BY rowid")
        rows = [row[0] for row in cursor.fetchall()]
    first.close()
    assert events == ["first commits", "second wrote"]
    assert rows == ["first", "second"]
    assert (tmp_path / "turns.sqlite3.writers").exists()

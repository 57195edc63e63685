"""The baseline for bench_sign: a bare WSGI app that stores one SQLite row per request.

It uses the same SQLite settings as freethem (WAL, synchronous=NORMAL, a busy timeout, BEGIN
IMMEDIATE) and runs under the same gunicorn, so the ratio of the two shows what freethem's
checks, encryption and mail queue cost per signature. Started by bench_sign with
BARE_DB=<path> gunicorn bench.bare_insert:app.
"""

import os
import sqlite3
import threading
from collections.abc import Callable, Iterable

_local = threading.local()


def _connection() -> sqlite3.Connection:
    connection = getattr(_local, "connection", None)
    if connection is None:
        connection = sqlite3.connect(os.environ["BARE_DB"], timeout=20, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("PRAGMA busy_timeout=20000")
        _local.connection = connection
    return connection


def create(path: str) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE IF NOT EXISTS row (id INTEGER PRIMARY KEY, body TEXT)")


def count(path: str) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM row").fetchone()[0]


def app(environ: dict, start_response: Callable) -> Iterable[bytes]:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length).decode("utf-8", "replace")
    connection = _connection()
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT INTO row (body) VALUES (?)", (body,))
    connection.execute("COMMIT")
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]

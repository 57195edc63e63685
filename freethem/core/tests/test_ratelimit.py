"""Rate counters shared by every server process: exact under concurrency, in the database by
default and in Redis when FREETHEM_REDIS_URL is set."""

import logging
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from pytest_django.fixtures import Settings

from freethem.core import ratelimit
from freethem.core.models import RateCounter
from freethem.core.testing.redis import RedisServer
from freethem.core.testing.redis import redis_server as redis_server  # the fixture

THREADS = 8
HITS_PER_THREAD = 25


def hit_from_threads(key: str) -> list[int]:
    def worker(_: int) -> list[int]:
        try:
            return [ratelimit.hit(key, window=3600) for _ in range(HITS_PER_THREAD)]
        finally:
            ratelimit.connection.close()  # each thread has its own connection

    with ThreadPoolExecutor(THREADS) as pool:
        return [count for counts in pool.map(worker, range(THREADS)) for count in counts]


class FileDatabase:
    """A SQLite file database with the site's settings, one connection per thread (as
    django.db.connection), made outside Django's list of databases so the test may open it."""

    def __init__(self, path: Path) -> None:
        self.settings = {**connections.settings["default"], "NAME": str(path)}
        self.local = threading.local()

    def wrapper(self) -> BaseDatabaseWrapper:
        if not hasattr(self.local, "wrapper"):
            wrapper_class = type(connections["default"])
            self.local.wrapper = wrapper_class(dict(self.settings), "ratelimit_file")
        return self.local.wrapper

    def __getattr__(self, name: str) -> object:
        return getattr(self.wrapper(), name)


@pytest.fixture
def shared_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """The test database, where threads can write to it at once as server processes do.

    PostgreSQL's test database can. SQLite's is in memory, where a second writer fails at once
    with "database table is locked" instead of waiting: for SQLite the counters go to a file
    database with the site's settings (WAL, busy timeout), like the one the site runs on."""
    if connection.vendor != "sqlite":
        yield
        return
    database = FileDatabase(tmp_path / "counters.sqlite3")
    with database.schema_editor(atomic=False) as editor:
        editor.create_model(RateCounter)
    monkeypatch.setattr(ratelimit, "connection", database)
    yield
    database.close()


@pytest.mark.django_db(transaction=True)
def test_it_counts_every_hit_from_concurrent_threads_exactly(shared_database: None) -> None:
    counts = hit_from_threads("test:concurrent")

    total = THREADS * HITS_PER_THREAD
    # Each hit saw a different count: none was lost, none counted twice.
    assert sorted(counts) == list(range(1, total + 1))
    assert ratelimit.hit("test:concurrent", window=3600) == total + 1


@pytest.mark.django_db
def test_it_keeps_keys_windows_and_costs_apart() -> None:
    assert ratelimit.hit("test:a", window=3600) == 1
    assert ratelimit.hit("test:a", window=3600, cost=5) == 6
    assert ratelimit.hit("test:b", window=3600) == 1
    assert ratelimit.hit("test:a", window=86400) == 1


@pytest.mark.django_db
def test_it_stores_no_key_in_a_window_longer_than_a_day() -> None:
    with pytest.raises(ValueError, match="window"):
        ratelimit.hit("test:a", window=2 * ratelimit.MAX_WINDOW)


@pytest.mark.django_db
def test_it_deletes_counters_of_windows_long_past() -> None:
    now = int(time.time())
    RateCounter.objects.create(key="old", window=now - 3 * ratelimit.MAX_WINDOW, count=3)
    ratelimit.hit("fresh", window=3600)

    assert ratelimit.prune(now) == 1
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["fresh@3600"]


@pytest.mark.django_db
def test_it_accepts_a_key_once_until_the_moment_given() -> None:
    until = int(time.time()) + 600
    assert ratelimit.first_use("challenge-1", until=until)
    assert not ratelimit.first_use("challenge-1", until=until)
    assert ratelimit.first_use("challenge-2", until=until)


# Redis ---------------------------------------------------------------------------------------


@pytest.fixture
def redis_url(redis_server: RedisServer, settings: Settings) -> str:
    settings.FREETHEM_REDIS_URL = redis_server.url
    return redis_server.url


@pytest.mark.django_db
def test_it_counts_in_redis_when_configured(redis_url: str) -> None:
    counts = hit_from_threads("test:redis")

    assert sorted(counts) == list(range(1, THREADS * HITS_PER_THREAD + 1))
    assert not RateCounter.objects.exists()  # nothing reached the database

    until = int(time.time()) + 600
    assert ratelimit.first_use("challenge-r", until=until)
    assert not ratelimit.first_use("challenge-r", until=until)


@pytest.mark.django_db
def test_it_counts_in_the_database_while_redis_is_down_and_in_redis_when_it_is_back(
    redis_server: RedisServer,
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.FREETHEM_REDIS_URL = redis_server.url
    monkeypatch.setattr(ratelimit, "REDIS_RETRY_AFTER", 0.2)  # tried again soon (5 s in use)
    assert ratelimit.hit("test:outage", window=3600) == 1  # in Redis
    redis_server.stop()

    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="freethem.core.ratelimit"):
        counts = [ratelimit.hit("test:outage", window=3600) for _ in range(50)]
        until = int(time.time()) + 600
        assert ratelimit.first_use("challenge-o", until=until)
        assert not ratelimit.first_use("challenge-o", until=until)
    assert time.monotonic() - started < 2  # no long wait on a dead Redis per hit
    assert counts == list(range(1, 51))  # the same limits, counted in the database
    assert RateCounter.objects.get(key="test:outage@3600").count == 50
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1 and "does not answer" in warnings[0].getMessage()
    assert warnings[0].exc_info is None  # one line, no traceback

    time.sleep(0.3)
    redis_server.start()  # back, empty (no persistence)
    with caplog.at_level(logging.WARNING, logger="freethem.core.ratelimit"):
        assert ratelimit.hit("test:outage", window=3600) == 1  # in Redis: the database says 51
    assert RateCounter.objects.get(key="test:outage@3600").count == 50
    assert "Redis answers again" in caplog.records[-1].getMessage()

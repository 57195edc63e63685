"""Fixed-window rate counters shared by every server process.

`hit(key, window=3600)` adds to the counter of `key` in the current hour and returns the count
after the hit. By default the counters are rows of RateCounter, changed by one atomic upsert
(INSERT ... ON CONFLICT DO UPDATE ... RETURNING, SQLite 3.35+ and PostgreSQL), so concurrent
processes never lose a hit and never wait on a read-then-write. With FREETHEM_REDIS_URL set
they live in Redis instead (INCRBY and EXPIRE in one round trip).

When Redis does not answer, the counters fall back to the database (same windows, same
limits; counts start again from what the database holds) so signing goes on: one warning per
outage in each process, a short socket timeout, and another try at Redis only every few
seconds (REDIS_RETRY_AFTER), after which the counters are back in Redis.

`first_use(key, until=...)` answers True once per key until a moment: a solved proof-of-work
challenge is accepted once, a replay is not.

Keys should not hold personal data in clear: callers pass keyed hashes
(freethem.core.crypto.keyed_hash), never an IP address or an email.
"""

import logging
import random
import threading
import time
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, TypeVar

from django.conf import settings
from django.db import connection

from freethem.core.models import RateCounter

if TYPE_CHECKING:
    import redis

T = TypeVar("T")

# Windows longer than this are refused; rows older than twice this are deleted now and then.
MAX_WINDOW = 24 * 60 * 60
# Roughly one hit in this many also deletes old rows, so no scheduler is needed for it.
PRUNE_ONE_IN = 1000
# Seconds to wait for Redis to connect or answer before counting in the database instead, and
# seconds before trying a Redis that did not answer again.
REDIS_TIMEOUT = 0.5
REDIS_RETRY_AFTER = 5.0

logger = logging.getLogger(__name__)


def hit(key: str, *, window: int, cost: int = 1) -> int:
    """Count `cost` hits on key in the current fixed window of `window` seconds; return the
    count in that window after this hit."""
    if not 0 < window <= MAX_WINDOW:
        raise ValueError(f"window must be between 1 and {MAX_WINDOW} seconds")
    now = int(time.time())
    start = now - now % window
    # Windows of different lengths may start at the same second: keep their counts apart.
    counter_key = f"{key}@{window}"
    if settings.FREETHEM_REDIS_URL:
        count = _with_redis(lambda: _redis_hit(counter_key, start, window, cost))
        if count is not None:
            return count
    count = _db_add(counter_key, start, cost)
    if random.randrange(PRUNE_ONE_IN) == 0:  # noqa: S311 (not a secret)
        prune(now)
    return count


def first_use(key: str, *, until: int) -> bool:
    """True the first time key is used before `until` (seconds since the epoch), False after
    that. Forgotten some time after `until`, so `until` must not lie far in the future."""
    if settings.FREETHEM_REDIS_URL:
        first = _with_redis(
            lambda: bool(_redis().set(f"freethem:once:{key}", 1, nx=True, exat=max(until, 1)))
        )
        if first is not None:
            return first
    return _db_add(f"once:{key}", until, 1) == 1


def prune(now: int | None = None) -> int:
    """Delete counters of windows that ended long ago; returns how many rows went."""
    now = int(time.time()) if now is None else now
    quote = connection.ops.quote_name
    window = quote(RateCounter._meta.get_field("window").column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {quote(RateCounter._meta.db_table)} WHERE {window} < %s",  # noqa: S608
            [now - 2 * MAX_WINDOW],
        )
        return cursor.rowcount


def _db_add(key: str, window: int, cost: int) -> int:
    table = RateCounter._meta.db_table
    quote = connection.ops.quote_name
    columns = {name: quote(RateCounter._meta.get_field(name).column) for name in ("key", "window")}
    count = quote(RateCounter._meta.get_field("count").column)
    # "window" is a keyword in SQL: every name is quoted. Names come from the model and values
    # are parameters, so nothing from outside reaches the SQL text.
    sql = (
        f"INSERT INTO {quote(table)} ({columns['key']}, {columns['window']}, {count}) "  # noqa: S608
        f"VALUES (%s, %s, %s) "
        f"ON CONFLICT ({columns['key']}, {columns['window']}) "
        f"DO UPDATE SET {count} = {quote(table)}.{count} + excluded.{count} "
        f"RETURNING {count}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, window, cost])
        return cursor.fetchone()[0]


def redis_status() -> str:
    """For /healthz: "off" without FREETHEM_REDIS_URL, else "ok" or "unreachable"."""
    if not settings.FREETHEM_REDIS_URL:
        return "off"
    return "ok" if _with_redis(lambda: _redis().ping()) else "unreachable"


class _Outage:
    """This process's view of one Redis server: since when it fails, when to try it again."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.retry_at = 0.0
        self.since: float | None = None


@cache
def _outage_of(url: str) -> _Outage:
    return _Outage()


def _with_redis(command: Callable[[], T]) -> T | None:
    """The command's result, or None when Redis failed now or a moment ago (the caller counts
    in the database). Only the first failure of an outage is logged, without a traceback."""
    import redis  # only needed when FREETHEM_REDIS_URL is set

    outage = _outage_of(settings.FREETHEM_REDIS_URL)
    if outage.since is not None and time.monotonic() < outage.retry_at:
        return None
    try:
        result = command()
    except (redis.RedisError, OSError) as error:
        with outage.lock:
            outage.retry_at = time.monotonic() + REDIS_RETRY_AFTER
            if outage.since is None:
                outage.since = time.monotonic()
                logger.warning(
                    "Redis (FREETHEM_REDIS_URL) does not answer (%s); rate limits count in "
                    "the database until it does.",
                    type(error).__name__,
                )
        return None
    if outage.since is not None:
        with outage.lock:
            if outage.since is not None:
                lasted, outage.since = time.monotonic() - outage.since, None
                logger.warning(
                    "Redis answers again after %.0f s; rate limits count in Redis again.", lasted
                )
    return result


@cache
def _client(url: str) -> "redis.Redis":
    import redis  # only needed when FREETHEM_REDIS_URL is set

    return redis.Redis.from_url(
        url, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT
    )


def _redis() -> "redis.Redis":
    return _client(settings.FREETHEM_REDIS_URL)


def _redis_hit(key: str, start: int, window: int, cost: int) -> int:
    name = f"freethem:rate:{key}:{start}"
    pipeline = _redis().pipeline()  # MULTI/EXEC: both commands or neither
    pipeline.incrby(name, cost)
    pipeline.expire(name, window + 60)
    count, _ = pipeline.execute()
    return int(count)

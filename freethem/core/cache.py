"""Django's Redis cache, made to miss instead of failing while Redis is unreachable.

The cache only saves work (counts kept for a few seconds): a page must never fail because of
it. Django's RedisCache raises on every call while Redis is down, which would turn each
signature (it drops the cached count) into a 500. Here a call that cannot reach Redis acts as
a miss: a read finds nothing, a write stores nothing, and Redis is tried again only a few
seconds later. The outage is logged once, and its end.
"""

import functools
import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
# After a failure, calls miss at once for this many seconds before Redis is tried again, so an
# unreachable host (each try waits for the socket timeout) does not slow every request.
RETRY_AFTER = 5.0
_failed_at: float | None = None
R = TypeVar("R")


def _or(missed: Callable[..., R]) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Make a client method return missed(*args) instead of raising when Redis fails."""

    def wrap(method: Callable[..., R]) -> Callable[..., R]:
        @functools.wraps(method)
        def call(self: RedisCacheClient, *args: Any) -> R:
            global _failed_at
            if _failed_at is not None and time.monotonic() - _failed_at < RETRY_AFTER:
                return missed(*args)
            try:
                result = method(self, *args)
            except RedisError as error:
                if _failed_at is None:
                    logger.warning("The cache's Redis is unreachable (%s); caching nothing", error)
                _failed_at = time.monotonic()
                return missed(*args)
            if _failed_at is not None:
                logger.warning("The cache's Redis is reachable again")
                _failed_at = None
            return result

        return call

    return wrap


def _nothing(*args: Any) -> None:
    return None


def _false(*args: Any) -> bool:
    return False


class MissingRedisCacheClient(RedisCacheClient):
    add = _or(_false)(RedisCacheClient.add)
    get = _or(lambda key, default: default)(RedisCacheClient.get)
    set = _or(_nothing)(RedisCacheClient.set)
    touch = _or(_false)(RedisCacheClient.touch)
    delete = _or(_false)(RedisCacheClient.delete)
    get_many = _or(lambda keys: {})(RedisCacheClient.get_many)
    has_key = _or(_false)(RedisCacheClient.has_key)
    set_many = _or(lambda data, timeout: [])(RedisCacheClient.set_many)
    delete_many = _or(_nothing)(RedisCacheClient.delete_many)


class RedisCache(DjangoRedisCache):
    """settings.CACHES' backend when FREETHEM_CACHE_URL is set (incr and clear still raise:
    freethem uses neither on this cache)."""

    def __init__(self, server: str, params: dict) -> None:
        super().__init__(server, params)
        self._class = MissingRedisCacheClient

"""The appeal's count: kept in CountShard rows that every change adds to, and cached for a few
seconds for the pages and count.json.

Every write that changes the count goes through count_adjust(), which forgets the cached
count, so the next page shows the change: a signer's confirmation or withdrawal, and staff
marks alike.
"""

import random
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from freethem.appeals.models import COUNT_SHARDS, Appeal, CountShard, Signature

# How long a count may be served from the cache. The cache is per process unless CACHES says
# otherwise: other server processes show a change within this time.
COUNT_CACHE_SECONDS = 5

# One statement on SQLite and PostgreSQL alike: make the shard row or add to it.
COUNT_UPSERT = (
    'INSERT INTO appeals_countshard (appeal_id, country, shard, "count") VALUES (%s, %s, %s, %s) '
    "ON CONFLICT (appeal_id, country, shard) "
    'DO UPDATE SET "count" = appeals_countshard."count" + excluded."count"'
)


def count_adjust(*, signature: Signature, delta: int) -> None:
    """Add delta to the appeal's count in the signature's country, inside the caller's
    transaction, and forget the cached count. One of COUNT_SHARDS rows takes it, chosen at
    random, so concurrent signers rarely wait for the same row; one upsert, so the row is made
    on first use."""
    count_adjust_country(appeal=signature.appeal, country=signature.country.code, delta=delta)


def count_adjust_country(*, appeal: Appeal, country: str, delta: int) -> None:
    """count_adjust() for many signatures of one appeal and country at once (staff's bulk
    decisions: one statement for a thousand signatures)."""
    shard = random.randrange(COUNT_SHARDS)  # noqa: S311 - spreading load, not a secret
    with connection.cursor() as cursor:
        cursor.execute(COUNT_UPSERT, [appeal.pk, country, shard, delta])
    count_forget(appeal=appeal)


def count_totals(appeal: Appeal) -> dict[str, int]:
    """Confirmed signatures per country code, largest first."""
    totals = CountShard.totals(appeal)
    return dict(sorted(totals.items(), key=lambda item: (-item[1], item[0])))


def _keys(appeal: Appeal) -> tuple[str, str]:
    """The cache keys of the appeal's count: by id (the pages), and by slug (count.json)."""
    return f"appeals:count:{appeal.pk}", f"appeals:count-json:{appeal.slug}"


def count_data(appeal: Appeal) -> dict[str, Any]:
    """The confirmed count per country, as count.json gives it; cached for a few seconds."""
    key = _keys(appeal)[0]
    data = cache.get(key)
    if data is None:
        countries = count_totals(appeal)
        data = {
            "confirmed": sum(countries.values()),
            "countries": countries,
            "updated": timezone.now().isoformat(timespec="seconds"),
        }
        cache.set(key, data, COUNT_CACHE_SECONDS)
    return data


def count_data_by_slug(slug: str, appeal: Callable[[str], Appeal]) -> dict[str, Any]:
    """count_data() of the appeal with this slug, from the cache without even the appeal's row
    while the cached count is fresh (count.json, the hottest read of a viral appeal).
    appeal(slug) finds the row when it is needed."""
    key = f"appeals:count-json:{slug}"
    data = cache.get(key)
    if data is None:
        data = count_data(appeal(slug))
        cache.set(key, data, COUNT_CACHE_SECONDS)
    return data


def count_forget(*, appeal: Appeal) -> None:
    """Drop the appeal's cached count, now and again once the caller's transaction commits (a
    page read in between could have cached the count from before the change)."""
    keys = list(_keys(appeal))
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))

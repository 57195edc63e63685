"""The appeal's count, kept in CountShard rows that every change adds to."""

import random

from django.db import connection

from freethem.appeals.models import COUNT_SHARDS, Appeal, CountShard, Signature

# One statement on SQLite and PostgreSQL alike: make the shard row or add to it.
COUNT_UPSERT = (
    'INSERT INTO appeals_countshard (appeal_id, country, shard, "count") VALUES (%s, %s, %s, %s) '
    "ON CONFLICT (appeal_id, country, shard) "
    'DO UPDATE SET "count" = appeals_countshard."count" + excluded."count"'
)


def count_adjust(*, signature: Signature, delta: int) -> None:
    """Add delta to the appeal's count in the signature's country, inside the caller's
    transaction. One of COUNT_SHARDS rows takes it, chosen at
    random, so concurrent signers rarely wait for the same row; one upsert, so the row is made
    on first use."""
    shard = random.randrange(COUNT_SHARDS)  # noqa: S311 - spreading load, not a secret
    with connection.cursor() as cursor:
        cursor.execute(COUNT_UPSERT, [signature.appeal_id, signature.country.code, shard, delta])


def count_totals(appeal: Appeal) -> dict[str, int]:
    """Confirmed signatures per country code, largest first."""
    totals = CountShard.totals(appeal)
    return dict(sorted(totals.items(), key=lambda item: (-item[1], item[0])))

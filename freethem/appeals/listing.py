"""What the public list and the numbers read: the notable signatories, the names listed per
country, the count history. Queries only; the pages are views/listing.py."""

import datetime

from django.core.cache import cache
from django.db.models import Count, Q

from freethem.appeals.models import Appeal, CountSnapshot

LISTED_COUNTRIES_SECONDS = 60
# An appeal open for three years has this many hourly snapshots: the chart reads no more.
MAX_SNAPSHOTS = 3 * 366 * 24


def notable() -> Q:
    """Who is shown first as a notable signatory, as a condition on a signature (so that the
    list can take them out of the rest on the same rows). The one place that says who is
    one: for now the staff's notable mark; with the verified notables (issue 14's notables
    part), their verified-only condition instead."""
    return Q(notable=True)


def listed_countries(appeal: Appeal) -> dict[str, int]:
    """How many names the public list shows per country code, for its country filter.
    Cached for a minute: one GROUP BY over the whole list is the costliest read of the page,
    and a count a minute old is as good for choosing a country."""
    key = f"appeals:listed-countries:{appeal.pk}"
    counts = cache.get(key)
    if counts is None:
        rows = appeal.signatures.listed().order_by().values_list("country").annotate(n=Count("pk"))
        counts = {code: n for code, n in rows if code}
        cache.set(key, counts, LISTED_COUNTRIES_SECONDS)
    return counts


def history(appeal: Appeal) -> list[tuple[datetime.datetime, int]]:
    """(hour, confirmed) of the appeal's snapshots, oldest first: the latest MAX_SNAPSHOTS."""
    rows = CountSnapshot.objects.filter(appeal=appeal).order_by("-hour")[:MAX_SNAPSHOTS]
    return list(reversed(rows.values_list("hour", "confirmed")))

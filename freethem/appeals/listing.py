"""What the public list and the numbers read: the notable signatories, the names listed per
country, the count history. Queries only; the pages are views/listing.py."""

import datetime

from django.core.cache import cache
from django.db.models import Count, Q

from freethem.appeals.models import Appeal, CountSnapshot

# How long the list's costliest reads, each over the whole list, are cached: the counts per
# country and who the notables are. A minute old is as good to choose a country by, or to
# size the pages (the names on each page are read fresh).
LISTED_SECONDS = 60
MAX_NOTABLES = 200
NOTABLE_IDS_KEY = "appeals:notable-ids:{}"
# An appeal open for three years has this many hourly snapshots: the chart reads no more.
MAX_SNAPSHOTS = 3 * 366 * 24


def notable() -> Q:
    """Who is shown first as a notable signatory, as a condition on a signature (so that the
    list can take them out of the rest on the same rows). The one place that says who is
    one: a notable with a recorded verification (Signature.objects.notables() is the same
    rule, with the conditions of the list)."""
    return Q(notable_record__isnull=False)


def notables_forget(appeal_id: int) -> None:
    """Forget the cached notables of an appeal, so a notable just marked or unmarked takes
    their place in the list at once."""
    cache.delete(NOTABLE_IDS_KEY.format(appeal_id))


def notable_ids(appeal: Appeal) -> list[int]:
    """The ids of the appeal's notable signatories (listed or not: the list asks that of
    each), cached for LISTED_SECONDS."""
    key = NOTABLE_IDS_KEY.format(appeal.pk)
    ids = cache.get(key)
    if ids is None:
        found = appeal.signatures.filter(notable()).order_by("pk").values_list("pk", flat=True)
        ids = list(found[:MAX_NOTABLES])
        cache.set(key, ids, LISTED_SECONDS)
    return ids


def listed_countries(appeal: Appeal) -> dict[str, int]:
    """How many names the public list shows per country code, for its country filter and
    to size its pages; cached for LISTED_SECONDS."""
    key = f"appeals:listed-countries:{appeal.pk}"
    counts = cache.get(key)
    if counts is None:
        rows = appeal.signatures.listed().order_by().values_list("country").annotate(n=Count("pk"))
        counts = {code: n for code, n in rows if code}
        cache.set(key, counts, LISTED_SECONDS)
    return counts


def history(appeal: Appeal) -> list[tuple[datetime.datetime, int]]:
    """(hour, confirmed) of the appeal's snapshots, oldest first: the latest MAX_SNAPSHOTS."""
    rows = CountSnapshot.objects.filter(appeal=appeal).order_by("-hour")[:MAX_SNAPSHOTS]
    return list(reversed(rows.values_list("hour", "confirmed")))

"""The counts the figures page and the map draw from, over every published record: a few
GROUP BY queries over the whole table, worked out at most once a minute (FIGURES_SECONDS) and
shared by every visitor and both languages through the cache. The list page never reads them:
its totals are its own (also counted at most once a minute per selection, views.pages), so a
figure and the records its link shows are counted by the same filters (filters.narrow); for
up to a minute after a record is published either may lag by that record."""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count

from freethem.protests import filters, maps
from freethem.protests.models import Protest, ProtestQuerySet
from freethem.protests.vocab import State

FIGURES_SECONDS = 60
FIGURES_KEY = "protests:figures:1"
PLACES_KEY = "protests:places:1"


@dataclass(frozen=True)
class Figures:
    months: dict[datetime.date, int]
    provinces: dict[str, int]  # inside Iran, by ISO 3166-2 code
    groups: dict[str, int]  # by participant group's slug
    countries: list[tuple[str, int]]  # abroad, the most protests first
    latest: dict[str, int]  # the latest month's count inside Iran and abroad, by scope


def per_month(protests: ProtestQuerySet) -> dict[datetime.date, int]:
    """Counted by day in the database and summed by month here: a GROUP BY over an index of
    dates, where truncating each date to its month (a function per row on SQLite) is not."""
    months: dict[datetime.date, int] = {}
    for day, n in protests.values_list("date").annotate(n=Count("pk")).order_by():
        month = day.replace(day=1)
        months[month] = months.get(month, 0) + n
    return months


def per_province(protests: ProtestQuerySet) -> dict[str, int]:
    rows = protests.inside().exclude(province="").values_list("province").annotate(n=Count("pk"))
    return dict(rows.order_by())


def per_group() -> dict[str, int]:
    through = Protest.groups.through.objects.filter(protest__state=State.PUBLISHED)
    rows = through.values_list("participantgroup__slug").annotate(n=Count("protest_id"))
    return dict(rows.order_by())


def per_country(protests: ProtestQuerySet) -> list[tuple[str, int]]:
    rows = protests.abroad().values_list("country").annotate(n=Count("pk"))
    return sorted(rows.order_by(), key=lambda row: (-row[1], row[0]))


def _latest(protests: ProtestQuerySet, months: dict[datetime.date, int]) -> dict[str, int]:
    if not months:
        return {}
    month = filters.month_value(max(months))
    return {
        scope: filters.narrow(protests, {"month": month, "scope": scope}).count()
        for scope in ("inside", "abroad")
    }


def figures() -> Figures:
    found = cache.get(FIGURES_KEY)
    if found is None:
        protests = filters.public_protests()
        months = per_month(protests)
        found = Figures(
            months,
            per_province(protests),
            per_group(),
            per_country(protests),
            _latest(protests, months),
        )
        cache.set(FIGURES_KEY, found, FIGURES_SECONDS)
    return found


def places() -> tuple[list[maps.Place], list[maps.Place]]:
    """The places on the map, inside Iran and abroad, cached as the figures are."""
    found = cache.get(PLACES_KEY)
    if found is None:
        protests = filters.public_protests()
        found = (maps.places(protests.inside()), maps.places(protests.abroad()))
        cache.set(PLACES_KEY, found, FIGURES_SECONDS)
    return found

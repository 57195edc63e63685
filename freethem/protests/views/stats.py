"""The protest tracker's figures and map: protests per month, per province (a tile map) and
per participant group, headline figures that link to the list filtered as they were counted,
and the map of published protests. Every count is over filters.public_protests()."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language_bidi
from django.views.decorators.http import require_safe
from django_countries import countries

from freethem.protests import charts, filters, maps, tilemap
from freethem.protests.models import ParticipantGroup, ProtestQuerySet
from freethem.protests.vocab import State

HEADLINE_MONTHS = 2  # the latest months given as headline figures
SHOWN_COUNTRIES = 12  # countries abroad in the table, the most protests first


@dataclass(frozen=True)
class Headline:
    count: int
    month: datetime.date
    scope: str  # "", "inside" or "abroad"
    query: str  # the list page's query string that selects the records counted

    @property
    def month_label(self) -> str:
        return filters.month_label(self.month)


@dataclass(frozen=True)
class Row:
    query: str
    label: str
    count: int


def per_month(protests: ProtestQuerySet) -> dict[datetime.date, int]:
    rows = protests.annotate(month=TruncMonth("date")).values("month").annotate(n=Count("pk"))
    return {_as_date(row["month"]): row["n"] for row in rows.order_by()}


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def _scoped(protests: ProtestQuerySet, month: datetime.date, scope: str) -> int:
    return filters.narrow(protests, {"month": filters.month_value(month), "scope": scope}).count()


def headlines(protests: ProtestQuerySet, months: dict[datetime.date, int]) -> list[Headline]:
    """The latest months' figures, in all and inside Iran, each with its filter."""
    found = []
    for month in sorted(months, reverse=True)[:HEADLINE_MONTHS]:
        value = filters.month_value(month)
        found.append(Headline(months[month], month, "", filters.list_url(month=value)))
        if month == max(months):
            for scope in ("inside", "abroad"):
                n = _scoped(protests, month, scope)
                found.append(Headline(n, month, scope, filters.list_url(month=value, scope=scope)))
    return found


def per_province(protests: ProtestQuerySet) -> dict[str, int]:
    rows = protests.inside().exclude(province="").values("province").annotate(n=Count("pk"))
    return {row["province"]: row["n"] for row in rows.order_by()}


def per_group() -> list[Row]:
    counted = Q(protests__state=State.PUBLISHED, protests__merged_into__isnull=True)
    groups = ParticipantGroup.objects.annotate(n=Count("protests", filter=counted))
    rows = [Row(filters.list_url(group=g.slug), g.name, g.n) for g in groups if g.n]
    return sorted(rows, key=lambda row: -row.count)


def per_country(protests: ProtestQuerySet) -> list[Row]:
    rows = protests.abroad().values("country").annotate(n=Count("pk")).order_by("-n", "country")
    return [
        Row(filters.list_url(scope="abroad"), countries.name(row["country"]) or row["country"],
            row["n"])
        for row in rows[:SHOWN_COUNTRIES]
    ]  # fmt: skip


@require_safe
def stats(request: HttpRequest) -> HttpResponse:
    protests = filters.public_protests()
    months = per_month(protests)
    provinces = per_province(protests)
    groups = per_group()
    rtl = get_language_bidi()
    return render(
        request,
        "protests/stats.html",
        {
            "total": sum(months.values()),
            "headlines": headlines(protests, months) if months else [],
            "chart": charts.monthly_bars(months, rtl=rtl),
            "months": sorted(months.items(), reverse=True),
            "tiles": tilemap.tile_map(provinces, rtl=rtl),
            "groups": groups,
            "group_most": max((row.count for row in groups), default=0),
            "countries": per_country(protests),
        },
    )


@require_safe
def protest_map(request: HttpRequest) -> HttpResponse:
    protests = filters.public_protests()
    return render(
        request,
        "protests/map.html",
        {
            "iran": maps.draw(maps.IRAN, maps.places(protests.inside())),
            "world": maps.draw(maps.WORLD, maps.places(protests.abroad()), largest=18),
        },
    )

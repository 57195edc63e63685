"""The protest tracker's figures and map: protests per month, per province (a tile map) and
per participant group, headline figures that link to the list filtered as they were counted,
and the map of published protests. The counts are figures.figures()'s, shared for a minute."""

import datetime
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language_bidi
from django.views.decorators.http import require_safe
from django_countries import countries

from freethem.protests import charts, filters, maps, tilemap
from freethem.protests.figures import Figures, figures, places
from freethem.protests.models import ParticipantGroup

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


def headlines(found: Figures) -> list[Headline]:
    """The latest months' figures, and the latest's inside Iran and abroad, each with the
    list's query string that selects what it counts."""
    result = []
    for month in sorted(found.months, reverse=True)[:HEADLINE_MONTHS]:
        value = filters.month_value(month)
        result.append(Headline(found.months[month], month, "", filters.list_url(month=value)))
        if month == max(found.months):
            result.extend(
                Headline(n, month, scope, filters.list_url(month=value, scope=scope))
                for scope, n in found.latest.items()
            )
    return result


def group_rows(counts: dict[str, int]) -> list[Row]:
    rows = [
        Row(filters.list_url(group=group.slug), group.name, counts[group.slug])
        for group in ParticipantGroup.objects.all()
        if counts.get(group.slug)
    ]
    return sorted(rows, key=lambda row: -row.count)


def country_rows(counts: list[tuple[str, int]]) -> list[Row]:
    return [
        Row(filters.list_url(scope="abroad"), countries.name(code) or code, n)
        for code, n in counts[:SHOWN_COUNTRIES]
    ]


@require_safe
def stats(request: HttpRequest) -> HttpResponse:
    found = figures()
    groups = group_rows(found.groups)
    rtl = get_language_bidi()
    return render(
        request,
        "protests/stats.html",
        {
            "total": sum(found.months.values()),
            "headlines": headlines(found) if found.months else [],
            "chart": charts.monthly_bars(found.months, rtl=rtl),
            "months": sorted(found.months.items(), reverse=True),
            "tiles": tilemap.tile_map(found.provinces, rtl=rtl),
            "groups": groups,
            "group_most": max((row.count for row in groups), default=0),
            "countries": country_rows(found.countries),
        },
    )


@require_safe
def protest_map(request: HttpRequest) -> HttpResponse:
    inside, abroad = places()
    return render(
        request,
        "protests/map.html",
        {
            "iran": maps.draw(maps.IRAN, inside),
            "world": maps.draw(maps.WORLD, abroad, largest=18),
        },
    )

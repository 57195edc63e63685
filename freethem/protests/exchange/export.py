"""The export: one row per record, ACLED's columns then ours (exchange.columns).

The public file holds published records only (not those merged into another), with
coordinates no finer than the town (Protest.public_point) and only published prisoners' slugs;
the staff file holds every record it is given with its exact coordinates. Text cells are
guarded against formula injection (freethem.core.spreadsheet); numbers we write ourselves are
not, so that a negative longitude stays a number.
"""

from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import cache

from django.db.models import Prefetch, QuerySet
from django.utils import translation
from django_countries import countries

from freethem.core import spreadsheet
from freethem.prisoners.models import Person
from freethem.protests.exchange.columns import (
    ABROAD,
    ACLED_COUNTRY_NAMES,
    ADMIN1,
    COLUMNS,
    INSIDE,
    SEPARATOR,
    date_text,
)
from freethem.protests.models import Protest

NUMBER_COLUMNS = frozenset(
    {
        "year",
        "time_precision",
        "iso",
        "latitude",
        "longitude",
        "geo_precision",
        "fatalities",
        "timestamp",
        "x_size_low",
        "x_size_high",
        "x_arrests",
        "x_injuries",
        "x_deaths",
    }
)
CHUNK = 500


@cache
def country_name(code: str) -> str:
    """The country's name as ACLED writes it (English, whatever the page's language)."""
    if code in ACLED_COUNTRY_NAMES:
        return ACLED_COUNTRY_NAMES[code]
    with translation.override("en"):
        return str(countries.name(code))


def number(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0")
            text = text + "0" if text.endswith(".") else text
        return text
    return str(value)


def protests_for_export(queryset: QuerySet[Protest], *, public: bool) -> QuerySet[Protest]:
    prisoners = Person.objects.published() if public else Person.objects.all()
    # A record merged into another is one of its reports now, not an event of its own.
    queryset = queryset.published().filter(merged_into__isnull=True) if public else queryset
    return (
        queryset.select_related("wave")
        .prefetch_related(
            "groups",
            "sources",
            Prefetch("prisoners", queryset=prisoners.only("pk", "slug").order_by("slug")),
        )
        .order_by("date", "event_id")
    )


def record(protest: Protest, *, public: bool) -> dict[str, object]:
    """The cells of one record by column name (values not yet text)."""
    point = protest.public_point if public else None
    latitude, longitude = point if point else (protest.latitude, protest.longitude)
    if public and point is None:
        latitude = longitude = None
    code = str(protest.country)
    admin1 = ADMIN1.get(protest.province, protest.admin1) if protest.inside_iran else protest.admin1
    sources = list(protest.sources.all())
    urls = [source.url for source in sources]
    return {
        "event_id_cnty": protest.event_id,
        "event_date": date_text(protest.date),
        "year": protest.date.year,
        "time_precision": protest.time_precision,
        "disorder_type": protest.disorder_type,
        "event_type": protest.event_type,
        "sub_event_type": protest.sub_event_type,
        "actor1": protest.actor1,
        "assoc_actor_1": protest.assoc_actor_1,
        "inter1": protest.inter1,
        "actor2": protest.actor2,
        "assoc_actor_2": protest.assoc_actor_2,
        "inter2": protest.inter2,
        "interaction": protest.interaction,
        "civilian_targeting": protest.civilian_targeting,
        "iso": countries.numeric(code),
        "region": protest.region,
        "country": country_name(code),
        "admin1": admin1,
        "admin2": protest.admin2,
        "admin3": protest.admin3,
        "location": protest.location,
        "latitude": latitude,
        "longitude": longitude,
        "geo_precision": protest.geo_precision,
        "source": SEPARATOR.join(source.name for source in sources),
        "source_scale": protest.source_scale,
        "notes": protest.notes,
        "fatalities": protest.fatalities,
        "tags": protest.tags,
        "timestamp": protest.acled_timestamp or int(protest.updated_at.timestamp()),
        "x_state": protest.state,
        "x_size_low": protest.size_low,
        "x_size_high": protest.size_high,
        "x_size_text": protest.size_text,
        "x_claims": protest.claims,
        "x_groups": SEPARATOR.join(group.slug for group in protest.groups.all()),
        "x_arrests": protest.arrests,
        "x_injuries": protest.injuries,
        "x_deaths": protest.deaths,
        "x_wave": protest.wave.code if protest.wave else "",
        "x_scope": INSIDE if protest.inside_iran else ABROAD,
        "x_prisoners": SEPARATOR.join(person.slug for person in protest.prisoners.all()),
        "x_source_urls": SEPARATOR.join(urls) if any(urls) else "",
        "x_notes_fa": protest.notes_fa,
    }


def cells(values: dict[str, object]) -> list[str]:
    return [
        number(values[column])
        if column in NUMBER_COLUMNS
        else spreadsheet.guard("" if values[column] is None else str(values[column]))
        for column in COLUMNS
    ]


def export_rows(queryset: QuerySet[Protest], *, public: bool) -> Iterator[list[str]]:
    """The header, then one row of text cells (guarded) per record."""
    yield list(COLUMNS)
    for protest in protests_for_export(queryset, public=public).iterator(chunk_size=CHUNK):
        yield cells(record(protest, public=public))


def export_lines(queryset: QuerySet[Protest], *, public: bool) -> Iterable[str]:
    """The export as CSV lines for a streaming response."""
    return spreadsheet.csv_lines(export_rows(queryset, public=public), guarded=False)

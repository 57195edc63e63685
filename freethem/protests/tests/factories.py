"""Protest records for tests, made straight in the database (the services are tested apart)."""

import itertools
from datetime import date
from typing import Any

from freethem.protests.models import ParticipantGroup, Protest, ProtestSource
from freethem.protests.vocab import Province, State

_numbers = itertools.count(1)


def make_protest(
    *,
    groups: tuple[str, ...] = (),
    sources: tuple[str, ...] = ("HRANA",),
    **fields: Any,
) -> Protest:
    """A published protest in Tehran on 2026-10-01 unless fields say otherwise; groups are
    ParticipantGroup slugs (the migration's: workers, retirees, teachers, ...)."""
    values: dict[str, Any] = {
        "event_id": f"FTIRN{next(_numbers)}",
        "state": State.PUBLISHED,
        "date": date(2026, 10, 1),
        "actor1": "Protesters (Iran)",
        "province": Province.TEHRAN,
        "location": "Tehran",
        "latitude": "35.68920",
        "longitude": "51.38900",
        "notes": "Retirees gathered outside the pension fund.",
    }
    values.update(fields)
    protest = Protest.objects.create(**values)
    if groups:
        protest.groups.set(ParticipantGroup.objects.filter(slug__in=groups))
    for name in sources:
        ProtestSource.objects.create(protest=protest, name=name)
    return protest

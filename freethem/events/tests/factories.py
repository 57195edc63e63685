"""Events for tests, made straight in the database (the services are tested apart)."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from freethem.events.models import Event, EventText
from freethem.events.vocab import Kind, State


def make_event(
    *,
    slug: str = "vigil-for-them",
    title: str = "Vigil for Iran's political prisoners",
    title_fa: str = "شب‌زنده‌داری برای زندانیان سیاسی ایران",
    starts_in: timedelta = timedelta(days=7),
    **fields: Any,
) -> Event:
    """A published vigil in London a week from now, two hours long, with English and Persian
    texts, unless fields say otherwise."""
    starts_at = fields.pop("starts_at", timezone.now() + starts_in)
    values: dict[str, Any] = {
        "slug": slug,
        "kind": Kind.VIGIL,
        "state": State.PUBLISHED,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=2),
        "time_zone": "Europe/London",
        "venue": "Trafalgar Square",
        "address": "Trafalgar Square, London WC2N 5DN",
        "city": "London",
        "country": "GB",
        "contact_name": "The campaign",
        "contact_email": "events@example.org",
    }
    values.update(fields)
    event = Event.objects.create(**values)
    EventText.objects.create(event=event, language="en", title=title, description="Join us.")
    if title_fa:
        EventText.objects.create(
            event=event, language="fa", title=title_fa, description="به ما بپیوندید."
        )
    return event

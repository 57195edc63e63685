"""The event services: who becomes an organiser, what raises SEQUENCE, and the RSVP services
told of a cancellation."""

import sys
from datetime import timedelta
from types import ModuleType

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from freethem.core.tests.factories import staff_user
from freethem.events.models import Event
from freethem.events.services import event_cancel, event_create, event_publish, event_update
from freethem.events.tests.factories import make_event
from freethem.events.vocab import Kind, State

pytestmark = pytest.mark.django_db


def new_event(**fields: object) -> Event:
    starts_at = timezone.now() + timedelta(days=3)
    values = {
        "slug": "forum",
        "kind": Kind.FORUM,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=2),
        "time_zone": "Europe/Paris",
    }
    return event_create(texts={"en": {"title": "Forum"}}, **{**values, **fields})


def test_it_makes_a_member_of_the_events_role_an_organiser_of_what_they_create() -> None:
    member = staff_user(username="events1", role="events", with_device=False)
    event = new_event(user=member)
    assert list(event.organisers.all()) == [member]
    assert event.state == State.DRAFT and event.sequence == 0
    assert list(Event.objects.managed_by(member)) == [event]
    organiser = staff_user(username="organiser1", role="organiser", with_device=False)
    other = new_event(user=organiser, slug="other")
    assert not other.organisers.exists()  # organisers see every event anyway


def test_it_refuses_an_event_that_ends_before_it_starts_or_an_unknown_zone() -> None:
    with pytest.raises(ValidationError):
        new_event(ends_at=timezone.now())
    with pytest.raises(ValidationError) as refused:
        new_event(time_zone="Europe/Atlantis")
    assert "Choose a time zone from the list." in refused.value.messages
    assert not Event.objects.exists()


def test_it_raises_the_sequence_for_each_change_a_calendar_shows() -> None:
    event = make_event(state=State.DRAFT)
    for change in (
        {"state": State.PUBLISHED},
        {"venue": "Another square"},
        {"time_zone": "Europe/Paris"},
        {"texts": {"fa": {"description": "متن تازه"}}},
    ):
        before = Event.objects.get(pk=event.pk).sequence
        event_update(event=event, **change)
        assert Event.objects.get(pk=event.pk).sequence == before + 1, change


def test_it_publishes_drafts_only() -> None:
    event = make_event(state=State.DRAFT)
    event_publish(event=event)
    assert Event.objects.get(pk=event.pk).state == State.PUBLISHED
    with pytest.raises(ValidationError) as refused:
        event_publish(event=event)
    assert refused.value.messages == ["Only a draft can be published."]


def test_it_tells_the_rsvp_services_of_a_cancellation(monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[Event] = []
    rsvps = ModuleType("freethem.events.services.rsvps")
    rsvps.rsvps_event_cancelled = lambda *, event: told.append(event)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "freethem.events.services.rsvps", rsvps)
    event = make_event()
    event_cancel(event=event)
    assert told == [event] and told[0].state == State.CANCELLED

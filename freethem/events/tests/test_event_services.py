"""The event services: who becomes an organiser, what raises SEQUENCE, and what a cancellation or
added places mean for those who RSVPed."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.utils import timezone

from freethem.core.tests.factories import staff_user
from freethem.events.models import Event, Rsvp
from freethem.events.services import event_cancel, event_create, event_publish, event_update
from freethem.events.tests.factories import make_event
from freethem.events.tests.rsvp_factories import deliver, make_rsvp
from freethem.events.vocab import Kind, RsvpState, State

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


@pytest.mark.django_db(transaction=True)
def test_it_mails_those_who_rsvped_when_the_event_is_cancelled(
    mailoutbox: list[EmailMessage],
) -> None:
    event = make_event()
    make_rsvp(event, email="going@example.org", state=RsvpState.GOING)
    event_cancel(event=event)
    deliver()
    assert Event.objects.get(pk=event.pk).state == State.CANCELLED
    assert [message.to for message in mailoutbox] == [["going@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_it_gives_added_places_to_the_waiting_list_in_order(
    mailoutbox: list[EmailMessage],
) -> None:
    event = make_event(capacity=1)
    make_rsvp(event, email="going@example.org", state=RsvpState.GOING)
    first = make_rsvp(event, email="first@example.org", state=RsvpState.WAITING)
    second = make_rsvp(event, email="second@example.org", state=RsvpState.WAITING)
    event_update(event=event, capacity=2)
    deliver()
    states = dict(Rsvp.objects.values_list("pk", "state"))
    assert (states[first.pk], states[second.pk]) == (RsvpState.GOING, RsvpState.WAITING)
    assert [message.to for message in mailoutbox] == [["first@example.org"]]

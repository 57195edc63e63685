"""Calendar files (RFC 5545): an event's .ics and the /events.ics feed parse with the icalendar
library; an event keeps its UID and its SEQUENCE goes up when it changes; cancelled events are
marked CANCELLED, not dropped; drafts and private addresses are never in them."""

from datetime import timedelta

import pytest
from django.test import Client
from icalendar import Calendar

from freethem.events.models import Event
from freethem.events.services import event_cancel, event_update
from freethem.events.tests.factories import make_event
from freethem.events.vocab import State

pytestmark = pytest.mark.django_db


def calendar(client: Client, path: str) -> Calendar:
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('.ics"')
    return Calendar.from_ical(response.content)


def entries(cal: Calendar) -> dict[str, dict]:
    return {str(item["summary"]): item for item in cal.walk("VEVENT")}


def test_it_writes_an_event_as_a_calendar_entry_in_its_time_zone(
    client: Client, settings: object
) -> None:
    settings.FREETHEM_SITE_URL = "https://freethem.example.org"  # type: ignore[attr-defined]
    event = make_event(slug="vigil-in-berlin", time_zone="Europe/Berlin", city="Berlin")
    cal = calendar(client, "/events/vigil-in-berlin.ics")
    (item,) = cal.walk("VEVENT")
    assert str(item["uid"]) == f"{event.uid}@freethem.example.org"
    assert item["sequence"] == 0
    # Calendars keep whole seconds.
    assert item.decoded("dtstart") == event.starts_at.replace(microsecond=0)
    assert item.decoded("dtstart").tzinfo.key == "Europe/Berlin"
    assert item["dtstart"].params["TZID"] == "Europe/Berlin"
    assert item.decoded("dtend") == event.ends_at.replace(microsecond=0)
    assert "dtstamp" in item
    assert str(item["summary"]) == "Vigil for Iran's political prisoners"
    assert "Trafalgar Square" in str(item["location"])
    assert str(item["url"]) == "https://freethem.example.org/events/vigil-in-berlin/"
    assert str(item["status"]) == "CONFIRMED"
    assert [str(zone["tzid"]) for zone in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_it_keeps_the_uid_and_raises_the_sequence_when_the_event_changes(client: Client) -> None:
    event = make_event(slug="forum")
    (first,) = calendar(client, "/events/forum.ics").walk("VEVENT")
    event_update(event=event, starts_at=event.starts_at + timedelta(hours=1))
    (moved,) = calendar(client, "/events/forum.ics").walk("VEVENT")
    assert moved["uid"] == first["uid"]
    assert moved["sequence"] > first["sequence"]
    event_update(event=event, texts={"en": {"title": "Forum, new title"}})
    (renamed,) = calendar(client, "/events/forum.ics").walk("VEVENT")
    assert renamed["uid"] == first["uid"] and renamed["sequence"] > moved["sequence"]
    assert str(renamed["summary"]) == "Forum, new title"


def test_it_leaves_the_sequence_alone_when_nothing_a_calendar_shows_changed() -> None:
    event = make_event(slug="forum")
    event_update(event=event, contact_name="Someone else", capacity=80)
    assert Event.objects.get(pk=event.pk).sequence == 0


def test_it_marks_a_cancelled_event_cancelled_in_the_feed(client: Client) -> None:
    kept = make_event(slug="kept", title="Kept vigil")
    called_off = make_event(slug="called-off", title="Called-off vigil")
    make_event(slug="draft", title="Draft vigil", state=State.DRAFT)
    uid_before = str(entries(calendar(client, "/events.ics"))["Called-off vigil"]["uid"])
    event_cancel(event=called_off)
    found = entries(calendar(client, "/events.ics"))
    assert set(found) == {"Kept vigil", "Called-off vigil"}
    assert str(found["Called-off vigil"]["status"]) == "CANCELLED"
    assert str(found["Called-off vigil"]["uid"]) == uid_before
    assert found["Called-off vigil"]["sequence"] == 1
    assert str(found["Kept vigil"]["status"]) == "CONFIRMED"
    assert kept.sequence == 0
    (alone,) = calendar(client, "/events/called-off.ics").walk("VEVENT")
    assert str(alone["status"]) == "CANCELLED"


def test_it_gives_no_calendar_for_a_draft(client: Client) -> None:
    make_event(slug="draft", state=State.DRAFT)
    assert client.get("/events/draft.ics").status_code == 404
    assert client.get("/fa/events/draft.ics").status_code == 404


def test_it_keeps_a_private_address_out_of_calendar_files(client: Client) -> None:
    make_event(
        slug="private",
        venue="A friend's hall",
        address="12 Secret Mews",
        online_url="https://meet.example.org/private-room",
        address_private=True,
    )
    for path in ("/events/private.ics", "/fa/events/private.ics", "/events.ics"):
        body = client.get(path).content.decode()
        assert "Secret Mews" not in body and "friend" not in body and "private-room" not in body
    (item,) = calendar(client, "/events/private.ics").walk("VEVENT")
    assert str(item["location"]) == "London, United Kingdom"
    assert "The address is sent to those who RSVP." in str(item["description"])
    assert "The link is sent to those who RSVP." in str(item["description"])


def test_it_writes_the_persian_texts_in_the_persian_calendar(client: Client) -> None:
    make_event(slug="vigil")
    (item,) = calendar(client, "/fa/events/vigil.ics").walk("VEVENT")
    assert str(item["summary"]) == "شب‌زنده‌داری برای زندانیان سیاسی ایران"
    assert str(item["url"]).endswith("/fa/events/vigil/")
    feed = calendar(client, "/fa/events.ics")
    assert [str(e["summary"]) for e in feed.walk("VEVENT")] == [str(item["summary"])]


def test_it_keeps_recent_events_in_the_feed_and_drops_old_ones(client: Client) -> None:
    make_event(slug="last-week", title="Last week", starts_in=timedelta(days=-7))
    make_event(slug="last-year", title="Last year", starts_in=timedelta(days=-365))
    assert set(entries(calendar(client, "/events.ics"))) == {"Last week"}

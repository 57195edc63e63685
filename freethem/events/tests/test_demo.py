"""The demo events: a forum with limited places, a vigil and an online meeting to come, and a
past rally with its report and photo, marked as demo, in both languages, loaded once."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from PIL import Image

from freethem.events import demo
from freethem.events.models import Event
from freethem.events.vocab import Kind, State

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: object, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    return tmp_path


@pytest.fixture
def loaded() -> None:
    call_command("loaddemo", stdout=io.StringIO())


def test_it_loads_a_forum_a_vigil_and_an_online_meeting_to_come(loaded: None) -> None:
    upcoming = Event.objects.public().upcoming()
    assert {event.kind for event in upcoming} == {Kind.FORUM, Kind.VIGIL, Kind.ONLINE}
    assert all(event.is_demo and event.state == State.PUBLISHED for event in Event.objects.all())
    forum = upcoming.get(kind=Kind.FORUM)
    assert forum.capacity and forum.country != "IR"
    assert forum.appeal is not None and forum.appeal.slug == demo.APPEAL_SLUG
    assert forum.prisoners.count() == 3
    assert all({t.language for t in e.texts.all()} == {"en", "fa"} for e in Event.objects.all())
    assert demo.loaded()


def test_it_loads_a_past_event_with_a_report_and_a_drawn_photo(
    loaded: None, client: Client, media: Path
) -> None:
    (past,) = Event.objects.public().past()
    assert past.text("en").report and past.text("fa").report
    photo = past.photos.get()
    assert Image.open(media / photo.image.name).size == (1200, 800)
    page = client.get("/fa/events/").content.decode()
    assert past.text("fa").report[:30] in page
    assert f"/events/{past.slug}/photos/{photo.pk}" in page


def test_it_loads_once() -> None:
    demo.load()
    assert demo.load() == "Demo events already loaded."
    assert Event.objects.count() == len(demo.EVENTS)


def test_it_keeps_the_online_link_for_those_who_rsvp(loaded: None, client: Client) -> None:
    page = client.get("/events/demo-online-letters/").content.decode()
    assert "meet.example.org" not in page
    assert "The link is sent to those who RSVP." in page

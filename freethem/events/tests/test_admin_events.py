"""Events in the staff area: entered with their texts in the event's own time zone; the events
role sees and changes only the events it organises; publish and cancel by action; a change a
calendar shows raises SEQUENCE; staff pages in both languages."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from freethem.events.models import Event
from freethem.events.tests.factories import make_event
from freethem.events.vocab import State
from freethem.prisoners.tests.factories import make_person
from freethem.prisoners.tests.test_admin_support import fill, page_form, signed_in
from freethem.prisoners.vocab import Publication

pytestmark = pytest.mark.django_db

EVENTS = "/staff/events/event/"


def add_event(client: Client, values: dict[str, str | list[str]]) -> tuple[int, str]:
    data = fill(page_form(client, f"{EVENTS}add/", "event_form"), values)
    response = client.post(f"{EVENTS}add/", data)
    return response.status_code, response.content.decode()


def new_vigil(client: Client, **values: str | list[str]) -> tuple[int, str]:
    next_year = timezone.now().year + 1
    return add_event(
        client,
        {
            "slug": "vigil-in-berlin",
            "kind": "vigil",
            "starts_at_0": f"{next_year}-07-01",
            "starts_at_1": "19:00",
            "ends_at_0": f"{next_year}-07-01",
            "ends_at_1": "21:00",
            "time_zone": "Europe/Berlin",
            "city": "Berlin",
            "texts-0-title": "Vigil in Berlin",
            "texts-1-title": "شب‌زنده‌داری در برلین",
            **values,
        },
    )


def test_it_adds_an_event_with_its_times_in_the_event_zone(client: Client) -> None:
    signed_in(client, username="organiser1", role="organiser")
    status, page = new_vigil(client)
    assert status == 302, page
    event = Event.objects.get(slug="vigil-in-berlin")
    zone = ZoneInfo("Europe/Berlin")
    assert event.starts_at == datetime(timezone.now().year + 1, 7, 1, 19, 0, tzinfo=zone)
    assert event.state == State.DRAFT
    assert {t.language: t.title for t in event.texts.all()} == {
        "en": "Vigil in Berlin",
        "fa": "شب‌زنده‌داری در برلین",
    }
    shown = client.get(f"{EVENTS}{event.pk}/change/").content.decode()
    assert 'value="19:00:00"' in shown  # shown again as typed, in Berlin's time


def test_it_refuses_a_time_zone_not_on_the_list(client: Client) -> None:
    signed_in(client, username="organiser1", role="organiser")
    status, page = new_vigil(client, time_zone="Mars/Olympus_Mons")
    assert status == 200 and "Select a valid choice." in page
    assert not Event.objects.exists()


def test_it_lets_the_events_role_manage_only_its_own_events(client: Client) -> None:
    mine = signed_in(client, username="events1", role="events")
    status, _page = new_vigil(client)
    assert status == 302
    created = Event.objects.get(slug="vigil-in-berlin")
    assert list(created.organisers.all()) == [mine]
    someone_elses = make_event(slug="not-mine", title="Somebody else's forum")
    listing = client.get(EVENTS).content.decode()
    assert "Vigil in Berlin" in listing and "Somebody else" not in listing
    response = client.get(f"{EVENTS}{someone_elses.pk}/change/")
    assert response.status_code == 302  # "doesn't exist", as for a deleted one
    assert client.get(f"/fa{EVENTS}{someone_elses.pk}/change/").status_code == 302
    make_person(name_latin="Unpublished Person", publication=Publication.DRAFT)
    make_person(name_latin="Published Person")
    page = client.get(f"{EVENTS}{created.pk}/change/").content.decode()
    assert 'name="organisers"' not in page  # organisers of the campaign choose them
    assert "Published Person" in page and "Unpublished Person" not in page


def test_it_shows_organisers_every_event(client: Client) -> None:
    make_event(slug="one", title="First forum")
    make_event(slug="two", title="Second vigil", state=State.DRAFT)
    signed_in(client, username="organiser1", role="organiser")
    listing = client.get(EVENTS).content.decode()
    assert "First forum" in listing and "Second vigil" in listing


def test_it_raises_the_sequence_when_staff_move_the_event(client: Client) -> None:
    signed_in(client, username="organiser1", role="organiser")
    event = make_event(slug="forum", starts_in=timedelta(days=30))
    url = f"{EVENTS}{event.pk}/change/"
    response = client.post(url, fill(page_form(client, url, "event_form"), {"capacity": "50"}))
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).sequence == 0  # a calendar shows no capacity
    data = page_form(client, url, "event_form")
    moved = {"starts_at_1": "09:30", "ends_at_0": data["starts_at_0"], "ends_at_1": "11:30"}
    response = client.post(url, fill(data, moved))
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).sequence == 1
    data = fill(page_form(client, url, "event_form"), {"texts-0-description": "New words."})
    assert client.post(url, data).status_code == 302
    assert Event.objects.get(pk=event.pk).sequence == 2


def test_it_publishes_and_cancels_by_action(client: Client) -> None:
    signed_in(client, username="organiser1", role="organiser")
    draft = make_event(slug="draft", state=State.DRAFT)
    client.post(EVENTS, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.state == State.PUBLISHED
    client.post(EVENTS, {"action": "cancel", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.state == State.CANCELLED and draft.sequence == 2
    response = client.post(
        EVENTS, {"action": "cancel", "_selected_action": [draft.pk]}, follow=True
    )
    assert "This event is cancelled already." in response.content.decode()


def test_it_shows_the_staff_pages_in_both_languages(client: Client) -> None:
    signed_in(client, username="organiser1", role="organiser")
    event = make_event()
    for prefix in ("", "/fa"):
        for path in ("", "add/", f"{event.pk}/change/"):
            assert client.get(f"{prefix}{EVENTS}{path}").status_code == 200, (prefix, path)

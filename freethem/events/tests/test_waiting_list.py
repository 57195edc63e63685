"""Capacity and the waiting list: a full event puts the next RSVP on the waiting list and a
cancellation promotes it (the issue's test), first come first served, with a mail to the
person promoted; exact under concurrent confirmations and cancellations, on SQLite and
PostgreSQL."""

import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.mail import EmailMessage
from django.db import connection, connections
from django.test import Client

from freethem.events import services
from freethem.events.models import Event, Rsvp
from freethem.events.tests.factories import make_event
from freethem.events.tests.rsvp_factories import deliver, make_rsvp, rsvp_link, rsvp_post
from freethem.events.vocab import RsvpState

pytestmark = pytest.mark.django_db(transaction=True)


def states(event: Event) -> dict[str, str]:
    return {rsvp.email: rsvp.state for rsvp in Rsvp.objects.filter(event=event)}


def test_it_puts_the_next_rsvp_of_a_full_event_on_the_waiting_list_and_a_cancellation_promotes_it(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    event = make_event(capacity=2)
    links = {}
    for person in ("ada", "bob", "cyrus", "dara"):
        rsvp_post(client, event, name=person, email=f"{person}@example.org")
        deliver()
        links[person] = rsvp_link(mailoutbox[-1])
        client.post(links[person], {"action": "confirm"})
    assert states(event) == {
        "ada@example.org": RsvpState.GOING,
        "bob@example.org": RsvpState.GOING,
        "cyrus@example.org": RsvpState.WAITING,
        "dara@example.org": RsvpState.WAITING,
    }
    deliver()
    assert "You're on the waiting list" in mailoutbox[-1].subject
    assert "number 1 on the waiting list" in client.get(links["cyrus"]).content.decode()
    assert "number 2 on the waiting list" in client.get(links["dara"]).content.decode()

    client.post(links["bob"], {"action": "cancel"})
    assert states(event)["bob@example.org"] == RsvpState.CANCELLED
    assert states(event)["cyrus@example.org"] == RsvpState.GOING  # first come, first served
    assert states(event)["dara@example.org"] == RsvpState.WAITING
    deliver()
    promoted = mailoutbox[-1]
    assert promoted.to == ["cyrus@example.org"]
    assert "A place is free, you're going" in promoted.subject
    assert "/cancel/" in promoted.body
    assert "number 1 on the waiting list" in client.get(links["dara"]).content.decode()


def test_it_counts_only_those_going_against_the_places() -> None:
    event = make_event(capacity=1)
    make_rsvp(event, email="pending@example.org", state=RsvpState.PENDING)
    make_rsvp(event, email="gone@example.org", state=RsvpState.CANCELLED)
    make_rsvp(event, email="waits@example.org", state=RsvpState.WAITING)
    rsvp = make_rsvp(event, email="ada@example.org", state=RsvpState.PENDING)
    assert services.places_left(event) == 1
    assert services.rsvp_confirm(key=rsvp.link_key).rsvp.state == RsvpState.GOING
    assert services.places_left(event) == 0


def test_it_promotes_nobody_when_someone_waiting_leaves() -> None:
    event = make_event(capacity=1)
    make_rsvp(event, email="ada@example.org")
    first = make_rsvp(event, email="bob@example.org", state=RsvpState.WAITING)
    second = make_rsvp(event, email="cyrus@example.org", state=RsvpState.WAITING)
    services.rsvp_cancel(key=first.link_key)
    assert states(event) == {
        "ada@example.org": RsvpState.GOING,
        "bob@example.org": RsvpState.CANCELLED,
        "cyrus@example.org": RsvpState.WAITING,
    }
    assert second.state == RsvpState.WAITING


def test_it_fills_places_added_later_from_the_waiting_list(
    mailoutbox: list[EmailMessage],
) -> None:
    event = make_event(capacity=1)
    make_rsvp(event, email="ada@example.org")
    for person in ("bob", "cyrus", "dara"):
        make_rsvp(event, email=f"{person}@example.org", state=RsvpState.WAITING)
    Event.objects.filter(pk=event.pk).update(capacity=3)
    promoted = services.rsvps_fill(event=event)
    assert [rsvp.email for rsvp in promoted] == ["bob@example.org", "cyrus@example.org"]
    deliver()
    assert sorted(message.to[0] for message in mailoutbox) == [
        "bob@example.org",
        "cyrus@example.org",
    ]


def test_it_takes_no_confirmation_once_the_event_has_closed() -> None:
    event = make_event(capacity=1)
    rsvp = make_rsvp(event, state=RsvpState.PENDING)
    event.state = "cancelled"
    event.save()
    assert services.rsvp_confirm(key=rsvp.link_key).changed is False
    rsvp.refresh_from_db()
    assert rsvp.state == RsvpState.PENDING


# Concurrency ----------------------------------------------------------------------------------

PEOPLE = 24
PLACES = 3


def shared_database(tmp_path: Path) -> dict | None:
    """Settings of a database threads can write at once: on SQLite a file copy of the test
    database (the in-memory one locks tables across connections instead of waiting, unlike
    the site's file); on PostgreSQL, None: the test database itself."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        return None
    path = tmp_path / "concurrent.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    return {**connection.settings_dict, "NAME": str(path)}


def _on_database(database: dict | None, work: Callable[[], object]) -> object:
    try:
        if database is not None:
            connections["default"] = type(connections["default"])(database, "default")
        return work()
    finally:
        connections.close_all()


def _all_at_once(database: dict | None, works: list[Callable[[], object]]) -> None:
    start = threading.Event()

    def run(work: Callable[[], object]) -> object:
        start.wait()
        return _on_database(database, work)

    with ThreadPoolExecutor(max_workers=12) as pool:
        futures = [pool.submit(run, work) for work in works]
        start.set()
        for future in futures:
            future.result()  # raises what a thread raised


def _read(database: dict | None, event_pk: int) -> list[tuple[str, str]]:
    def read() -> list[tuple[str, str]]:
        rows = Rsvp.objects.filter(event=event_pk).order_by("pk")
        return [(rsvp.email, rsvp.state) for rsvp in rows]

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_on_database, database, read).result()  # type: ignore[return-value]


def test_it_never_gives_more_places_than_there_are_under_concurrent_confirmations(
    tmp_path: Path,
) -> None:
    event = make_event(capacity=PLACES)
    keys = {
        f"p{number}@example.org": make_rsvp(
            event, email=f"p{number}@example.org", state=RsvpState.PENDING
        ).link_key
        for number in range(PEOPLE)
    }
    database = shared_database(tmp_path)
    _all_at_once(
        database, [lambda key=key: services.rsvp_confirm(key=key) for key in keys.values()]
    )
    rows = _read(database, event.pk)
    assert sum(state == RsvpState.GOING for _email, state in rows) == PLACES
    assert sum(state == RsvpState.WAITING for _email, state in rows) == PEOPLE - PLACES

    # Everyone going cancels at once: each freed place goes to one person waiting, never two.
    going = [email for email, state in rows if state == RsvpState.GOING]
    _all_at_once(
        database,
        [lambda key=keys[email]: services.rsvp_cancel(key=key) for email in going],
    )
    rows = _read(database, event.pk)
    assert sum(state == RsvpState.GOING for _email, state in rows) == PLACES
    assert sum(state == RsvpState.CANCELLED for _email, state in rows) == PLACES
    assert sum(state == RsvpState.WAITING for _email, state in rows) == PEOPLE - 2 * PLACES

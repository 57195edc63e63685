"""The count: exact under concurrent signing, cheap to read (count.json), and its history."""

import csv
import io
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.test import Client

from freethem.appeals import services
from freethem.appeals.defences import Checks, Verdict
from freethem.appeals.models import Appeal, CountSnapshot, Signature
from freethem.appeals.tests.factories import make_appeal
from freethem.appeals.tests.test_admin_support import SIGNATURES, make_signature, signed_in


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    """count.json is cached for a few seconds; each test starts without an earlier one's."""
    cache.clear()


SIGNERS = 200
COUNTRIES = ["DE", "FR", "IR", "GB", "US"]


def _on_database(database: dict | None, work: Callable[[], object]) -> object:
    """Run work in this thread with a connection of its own: to `database` (settings) when
    given, else to the test database as every thread gets it."""
    try:
        if database is not None:
            connections["default"] = type(connections["default"])(database, "default")
        return work()
    finally:
        connections.close_all()


def _sign_and_confirm(appeal_pk: int, number: int) -> None:
    signature = services.signature_create(
        appeal=Appeal.objects.get(pk=appeal_pk),
        name=f"Signer {number}",
        email=f"signer{number}@example.org",
        country=COUNTRIES[number % len(COUNTRIES)],
        city="",
        affiliation="",
        display="full",
        wants_updates=False,
        language="en",
        ip=f"198.51.100.{number % 250}",
        checks=Checks.decided(Verdict()),
    )
    if number % 4:  # three in four confirm
        services.signature_confirm(signature=signature)


def shared_database(tmp_path: Path) -> dict | None:
    """Settings of a database that threads can write at once: on SQLite, a file copy of the
    test database (the in-memory one of the test run locks whole tables across connections,
    unlike the site's file in WAL mode); on PostgreSQL, None: the test database itself."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        return None
    path = tmp_path / "concurrent.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    return {**connection.settings_dict, "NAME": str(path)}


@pytest.mark.django_db(transaction=True)
def test_it_counts_200_concurrent_signers_exactly(tmp_path: Path) -> None:
    appeal = make_appeal()
    database = shared_database(tmp_path)
    start = threading.Event()  # all threads begin together

    def signer(number: int) -> None:
        start.wait()
        _on_database(database, lambda: _sign_and_confirm(appeal.pk, number))

    with ThreadPoolExecutor(max_workers=32) as pool:
        futures = [pool.submit(signer, number) for number in range(SIGNERS)]
        start.set()
        for future in futures:
            future.result()  # raises what a thread raised

    def read() -> tuple[int, dict]:
        confirmed = Signature.objects.filter(appeal=appeal.pk, state="confirmed").count()
        return confirmed, Client().get(f"/appeals/{appeal.slug}/count.json").json()

    with ThreadPoolExecutor(max_workers=1) as pool:
        confirmed, data = pool.submit(_on_database, database, read).result()
    assert confirmed == SIGNERS * 3 // 4
    assert data["confirmed"] == confirmed
    assert sum(data["countries"].values()) == confirmed
    assert set(data["countries"]) == set(COUNTRIES)


@pytest.mark.django_db
def test_it_gives_the_count_by_country_as_json(client: Client) -> None:
    appeal = make_appeal()
    for number, country in enumerate(["DE", "DE", "IR"]):
        signature = services.signature_create(
            appeal=appeal,
            name="A B",
            email=f"s{number}@example.org",
            country=country,
            city="",
            affiliation="",
            display="full",
            wants_updates=False,
            language="en",
            ip="",
            checks=Checks.decided(Verdict()),
        )
        services.signature_confirm(signature=signature)
    response = client.get(f"/appeals/{appeal.slug}/count.json")
    data = response.json()
    assert (data["confirmed"], data["countries"]) == (3, {"DE": 2, "IR": 1})
    assert datetime.fromisoformat(data["updated"]).tzinfo is not None
    assert "max-age=5" in response["Cache-Control"]


@pytest.mark.django_db
def test_it_keeps_a_withdrawn_or_suspect_signature_off_the_count(client: Client) -> None:
    appeal = make_appeal()
    kept, withdrawn, suspect = (
        services.signature_create(
            appeal=appeal,
            name="A B",
            email=f"s{number}@example.org",
            country="DE",
            city="",
            affiliation="",
            display="full",
            wants_updates=False,
            language="en",
            ip="",
            checks=Checks.decided(Verdict(suspect=number == 2)),
        )
        for number in range(3)
    )
    for signature in (kept, withdrawn, suspect):
        services.signature_confirm(signature=signature)
    services.signature_withdraw(signature=withdrawn)
    assert client.get(f"/appeals/{appeal.slug}/count.json").json()["confirmed"] == 1


def _confirmed_in_count_json(client: Client, appeal: Appeal) -> int:
    return client.get(f"/appeals/{appeal.slug}/count.json").json()["confirmed"]


def _staff_action(client: Client, action: str, signature: Signature) -> None:
    response = client.post(SIGNATURES, {"action": action, "_selected_action": [signature.pk]})
    assert response.status_code == 302


@pytest.mark.django_db
def test_it_shows_a_signature_staff_mark_suspect_in_count_json_at_once(client: Client) -> None:
    appeal = make_appeal()
    bad = make_signature(appeal, email="bad@example.org")
    make_signature(appeal, email="good@example.org")
    assert _confirmed_in_count_json(client, appeal) == 2  # now cached for a few seconds
    signed_in(client, role="moderator")

    _staff_action(client, "mark_suspect", bad)

    assert _confirmed_in_count_json(client, appeal) == 1


@pytest.mark.django_db
def test_it_shows_a_signature_released_from_review_on_the_page_at_once(client: Client) -> None:
    appeal = make_appeal()
    held = make_signature(appeal, email="held@example.org", held=True)
    assert client.get(appeal.get_absolute_url()).context["count"]["confirmed"] == 0
    signed_in(client, role="moderator")

    _staff_action(client, "release_held", held)

    assert client.get(appeal.get_absolute_url()).context["count"]["confirmed"] == 1
    assert _confirmed_in_count_json(client, appeal) == 1


@pytest.mark.django_db
def test_it_publishes_the_hourly_history_as_csv(client: Client) -> None:
    appeal = make_appeal()
    for hour, confirmed in [(9, 10), (10, 25)]:
        CountSnapshot.objects.create(
            appeal=appeal,
            hour=datetime(2025, 6, 2, hour, tzinfo=UTC),
            confirmed=confirmed,
            countries=3,
        )
    response = client.get(f"/appeals/{appeal.slug}/history.csv")
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows == [
        ["hour", "confirmed", "countries"],
        ["2025-06-02T09:00+00:00", "10", "3"],
        ["2025-06-02T10:00+00:00", "25", "3"],
    ]

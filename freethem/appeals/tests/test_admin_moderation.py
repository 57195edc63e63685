"""Moderators' marks: a signature marked suspect leaves the count, one cleared or released
from review joins it, and the count stays exact."""

import pytest
from django.test import Client

from freethem.appeals.models import Signature
from freethem.appeals.tests.test_admin_support import (
    SIGNATURES,
    confirmed_count,
    make_appeal,
    make_signature,
    signed_in,
)

pytestmark = pytest.mark.django_db


def act(client: Client, action: str, *signatures: Signature) -> str:
    response = client.post(
        SIGNATURES,
        {"action": action, "_selected_action": [s.pk for s in signatures]},
        follow=True,
    )
    assert response.status_code == 200
    return response.content.decode()


def test_it_takes_a_signature_marked_suspect_off_the_count(client: Client) -> None:
    appeal = make_appeal()
    bad = make_signature(appeal, email="bad@example.org")
    make_signature(appeal, email="good@example.org")
    already = make_signature(appeal, email="odd@example.org", suspect=True)
    signed_in(client, role="moderator")

    html = act(client, "mark_suspect", bad, already)

    assert "Marked suspect, no longer counted: 1." in html
    bad.refresh_from_db()
    assert bad.suspect and "staff" in bad.reasons.split()
    assert confirmed_count(appeal) == 1


def test_it_counts_a_signature_cleared_of_suspicion(client: Client) -> None:
    appeal = make_appeal()
    cleared = make_signature(appeal, email="fine@example.org", suspect=True, reasons="ip-limit")
    pending = make_signature(appeal, email="wait@example.org", suspect=True, confirmed=False)
    signed_in(client, role="moderator")

    act(client, "clear_suspect", cleared, pending)

    cleared.refresh_from_db()
    assert not cleared.suspect and cleared.reasons == "ip-limit"  # why it was marked stays
    assert confirmed_count(appeal) == 1  # the unconfirmed one still waits for its email


def test_it_counts_a_held_signature_once_released(client: Client) -> None:
    appeal = make_appeal()
    held = make_signature(appeal, email="nojs@example.org", held=True, country="IR")
    both = make_signature(appeal, email="both@example.org", held=True, suspect=True)
    signed_in(client, role="moderator")

    html = act(client, "release_held", held, both)
    act(client, "release_held", held)  # twice changes nothing

    assert "Released from review: 2." in html
    assert confirmed_count(appeal) == 1  # the suspect one is still not counted
    assert not Signature.objects.filter(held=True).exists()


def test_it_takes_a_deleted_signature_off_the_count(client: Client) -> None:
    appeal = make_appeal()
    gone = make_signature(appeal, email="gone@example.org")
    make_signature(appeal, email="stays@example.org")
    signed_in(client, role="organiser")

    client.post(f"{SIGNATURES}{gone.pk}/delete/", {"post": "yes"})

    assert not Signature.objects.filter(pk=gone.pk).exists()
    assert confirmed_count(appeal) == 1

"""The signer's personal page: how the name is shown, their data, and withdrawal."""

import json

import pytest
from django.core.management import call_command
from django.test import Client

from freethem.appeals.models import Signature
from freethem.appeals.tests.factories import (
    confirm_link,
    confirmed_count,
    make_appeal,
    passes_defences,  # noqa: F401 - a fixture
    sign,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("passes_defences")]


def confirmed_signer(client: Client, mailoutbox, **fields) -> str:
    """Sign and confirm; the personal page's path."""
    sign(client, make_appeal(), **fields)
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    return client.post(confirm_link(mailoutbox[-1]))["Location"]


def test_it_changes_how_the_name_is_shown(client: Client, mailoutbox) -> None:
    personal = confirmed_signer(client, mailoutbox, name="Ada King Lovelace", country="GB")
    appeal = Signature.objects.get().appeal
    assert "Ada King Lovelace" in client.get(appeal.get_absolute_url()).content.decode()

    client.post(personal, {"display": "first"})
    html = client.get(appeal.get_absolute_url()).content.decode()
    assert "Ada King Lovelace" not in html
    assert '<bdi class="name">Ada</bdi><span class="where">United Kingdom</span>' in html

    client.post(personal, {"display": "hidden"})
    html = client.get(appeal.get_absolute_url()).content.decode()
    assert '<bdi class="name">Ada' not in html
    assert confirmed_count(appeal) == 1  # counted, not shown


def test_it_withdraws_a_signature_by_deleting_it(client: Client, mailoutbox) -> None:
    personal = confirmed_signer(client, mailoutbox)
    appeal = Signature.objects.get().appeal
    # A GET (a mail scanner, a preview) withdraws nothing.
    assert client.get(personal + "withdraw/").status_code == 405
    response = client.post(personal + "withdraw/")
    assert "Your signature is withdrawn" in response.content.decode()
    assert not Signature.objects.exists()
    assert confirmed_count(appeal) == 0
    assert client.get(personal).status_code == 404


def test_it_gives_the_signer_everything_stored_about_them(client: Client, mailoutbox) -> None:
    personal = confirmed_signer(client, mailoutbox, city="London", wants_updates="on")
    response = client.get(personal + "data.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["email"] == "ada@example.org"
    assert data["name"] == "Ada Lovelace"
    assert (data["city"], data["country"], data["wants_updates"]) == ("London", "GB", True)
    assert data["ip_address"] == "127.0.0.1"
    assert data["state"] == "confirmed"


def test_it_refuses_a_made_up_personal_link(client: Client, mailoutbox) -> None:
    personal = confirmed_signer(client, mailoutbox)
    forged = personal.replace("/you/", "/you/x")
    assert client.get(forged).status_code == 404
    assert client.post(forged + "withdraw/").status_code == 404
    assert Signature.objects.exists()

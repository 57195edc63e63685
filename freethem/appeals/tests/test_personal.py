"""The signer's personal page: how the name is shown, their data, and withdrawal."""

import json
import re

import pytest
from django.core import signing
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.test import Client

from freethem.appeals.models import Signature
from freethem.appeals.services import PERSONAL_SALT, appeal_personal_data_erase
from freethem.appeals.tests.factories import (
    confirm_link,
    confirmed_count,
    make_appeal,
    passes_defences,  # noqa: F401 - a fixture
    sign,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("passes_defences")]


def confirmed_signer(client: Client, mailoutbox: list[EmailMessage], **fields: str) -> str:
    """Sign and confirm; the personal page's path."""
    sign(client, make_appeal(), **fields)
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    return client.post(confirm_link(mailoutbox[-1]))["Location"]


def test_it_changes_how_the_name_is_shown(client: Client, mailoutbox: list[EmailMessage]) -> None:
    personal = confirmed_signer(client, mailoutbox, name="Ada King Lovelace", country="GB")
    appeal = Signature.objects.get().appeal
    assert "Ada King Lovelace" in client.get(appeal.get_absolute_url()).content.decode()

    client.post(personal, {"display": "first"})
    html = client.get(appeal.get_absolute_url()).content.decode()
    assert "Ada King Lovelace" not in html
    assert (
        '<li dir="auto"><span class="name">Ada</span>'
        '<span class="where"><bdi>United Kingdom</bdi></span></li>'
    ) in html

    client.post(personal, {"display": "hidden"})
    html = client.get(appeal.get_absolute_url()).content.decode()
    assert '<span class="name">Ada' not in html
    assert confirmed_count(appeal) == 1  # counted, not shown


def test_it_withdraws_a_signature_by_deleting_it(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    personal = confirmed_signer(client, mailoutbox)
    appeal = Signature.objects.get().appeal
    # A GET (a mail scanner, a preview) withdraws nothing.
    assert client.get(personal + "withdraw/").status_code == 405
    response = client.post(personal + "withdraw/")
    assert "Your signature is withdrawn" in response.content.decode()
    assert not Signature.objects.exists()
    assert confirmed_count(appeal) == 0
    assert client.get(personal).status_code == 404


def test_it_gives_the_signer_everything_stored_about_them(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    personal = confirmed_signer(client, mailoutbox, city="London", wants_updates="on")
    response = client.get(personal + "data.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["email"] == "ada@example.org"
    assert data["name"] == "Ada Lovelace"
    assert (data["city"], data["country"], data["wants_updates"]) == ("London", "GB", True)
    assert data["ip_address"] == "127.0.0.1"
    assert data["state"] == "confirmed"


def test_it_refuses_a_made_up_personal_link(client: Client, mailoutbox: list[EmailMessage]) -> None:
    personal = confirmed_signer(client, mailoutbox)
    forged = personal.replace("/you/", "/you/x")
    assert client.get(forged).status_code == 404
    assert client.post(forged + "withdraw/").status_code == 404
    assert Signature.objects.exists()


def test_it_tells_the_signer_nothing_of_what_the_defences_decided(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    personal = confirmed_signer(client, mailoutbox)
    Signature.objects.update(suspect=True, held=True, reasons="no-pow ip-limit network-limit")
    exported = client.get(personal + "data.json").content.decode()
    data = json.loads(exported)
    assert data["email"] == "ada@example.org"  # what they gave is all there
    assert not {"suspect", "held", "held_for_review", "reasons"} & set(data)
    for verdict in ("no-pow", "ip-limit", "network-limit", "suspect", "review"):
        assert verdict not in exported
    page = client.get(personal).content.decode()
    assert "ip-limit" not in page and "review" not in page


def test_it_keeps_the_signers_pages_out_of_every_cache(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    sign(client, make_appeal())
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    link = confirm_link(mailoutbox[-1])
    responses = [client.get(link)]
    personal = client.post(link)["Location"]
    responses += [
        client.get(personal),
        client.post(personal, {"display": "first"}),
        client.get(personal + "data.json"),
    ]
    for response in responses:
        assert "no-store" in response["Cache-Control"], response.request["PATH_INFO"]


def test_it_gives_links_that_tell_nothing_of_the_order_of_signing(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    appeal = make_appeal()
    for n in range(3):
        sign(client, appeal, email=f"signer{n}@example.org")
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    payloads = set()
    for message in mailoutbox:
        token = confirm_link(message).rstrip("/").rsplit("/", 1)[1]
        payloads.add(signing.b64_decode(token.split(":")[0].encode()).decode())
    # What a link carries, decoded: a random key each, no number that counts signatures.
    assert len(payloads) == 3
    assert all(re.fullmatch(r'"[0-9a-f]{32}"', payload) for payload in payloads), payloads


def test_it_still_opens_a_personal_link_mailed_before_links_were_opaque(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    confirmed_signer(client, mailoutbox)
    signature = Signature.objects.get()
    old = signing.dumps([signature.pk, signature.link_key[:32]], salt=PERSONAL_SALT)
    assert client.get(f"/appeals/{signature.appeal.slug}/you/{old}/").status_code == 200


def test_it_ends_the_personal_links_when_the_personal_data_is_erased(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    personal = confirmed_signer(client, mailoutbox)
    assert client.get(personal).status_code == 200
    appeal_personal_data_erase(appeal=Signature.objects.get().appeal)
    for path in (personal, personal + "data.json"):
        assert client.get(path).status_code == 404
    assert client.post(personal + "withdraw/").status_code == 404
    assert Signature.objects.get().counts  # the signature itself still counts


def test_it_keeps_a_signers_own_pages_out_of_shares_and_search_engines(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    sign(client, make_appeal())
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    link = confirm_link(mailoutbox[-1])
    for page in (client.get(link), client.get(client.post(link)["Location"])):
        html = page.content.decode()
        assert '<meta name="robots" content="noindex">' in html
        assert "og:url" not in html and "twitter:card" not in html

"""Double opt-in: the mailed link opens a page with a button; only the button confirms, and
only then does the signature count. Links expire and can be asked for again."""

import time

import pytest
from django.core import signing
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.test import Client

from freethem.appeals.models import Limits, Signature
from freethem.appeals.services import CONFIRM_MAX_AGE, confirm_token
from freethem.appeals.tests.factories import (
    confirm_link,
    confirmed_count,
    make_appeal,
    passes_defences,  # noqa: F401 - a fixture
    personal_link,
    sign,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("passes_defences")]


def deliver() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def signed(client: Client, mailoutbox: list[EmailMessage], **fields: str) -> str:
    """Sign, let the worker mail, and return the confirmation link."""
    sign(client, make_appeal(), **fields)
    deliver()
    return confirm_link(mailoutbox[-1])


def test_it_counts_a_signature_only_after_the_button(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    link = signed(client, mailoutbox)
    appeal = Signature.objects.get().appeal
    page = client.get(link)
    assert "Yes, confirm my signature" in page.content.decode()
    assert confirmed_count(appeal) == 0
    assert client.get(f"/appeals/{appeal.slug}/count.json").json()["confirmed"] == 0  # cached
    assert "Ada Lovelace" not in client.get(appeal.get_absolute_url()).content.decode()

    response = client.post(link)
    assert response.status_code == 302 and "/you/" in response["Location"]
    signature = Signature.objects.get()
    assert signature.state == "confirmed" and signature.confirmed_at is not None
    assert confirmed_count(appeal) == 1
    # count.json is cached for a few seconds, but a confirmation shows at once.
    assert client.get(f"/appeals/{appeal.slug}/count.json").json()["confirmed"] == 1
    assert "Ada Lovelace" in client.get(appeal.get_absolute_url()).content.decode()
    # Pressing it again (a reload) counts nothing more.
    client.post(link)
    assert confirmed_count(appeal) == 1


def test_it_does_not_confirm_when_a_mail_scanner_follows_the_link(
    mailoutbox: list[EmailMessage], client: Client
) -> None:
    link = signed(client, mailoutbox)
    scanner = Client()
    for _ in range(3):
        assert scanner.get(link).status_code == 200
        assert scanner.head(link).status_code == 200
    assert Signature.objects.get().state == "pending"
    assert confirmed_count(Signature.objects.get().appeal) == 0


def test_it_does_not_count_a_suspect_signature_it_confirms(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    link = signed(client, mailoutbox)
    Signature.objects.update(suspect=True)
    client.post(link)
    signature = Signature.objects.get()
    assert signature.state == "confirmed"
    assert confirmed_count(signature.appeal) == 0


def test_it_offers_the_personal_links_after_confirming(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    link = signed(client, mailoutbox)
    page = client.get(client.post(link)["Location"]).content.decode()
    assert "is confirmed" in page
    assert "How my name is shown" in page
    assert "Withdraw my signature" in page
    assert "data.json" in page


def test_it_refuses_an_expired_link_and_sends_a_new_one(
    client: Client, mailoutbox: list[EmailMessage], monkeypatch: pytest.MonkeyPatch
) -> None:
    sign(client, make_appeal())
    deliver()
    signature = Signature.objects.get()
    eight_days_ago = time.time() - CONFIRM_MAX_AGE - 24 * 60 * 60
    monkeypatch.setattr(signing.time, "time", lambda: eight_days_ago)
    old_link = f"/appeals/{signature.appeal.slug}/confirm/{confirm_token(signature)}/"
    monkeypatch.undo()

    page = client.get(old_link).content.decode()
    assert "This link has expired" in page
    client.post(old_link)
    assert Signature.objects.get().state == "pending"

    response = client.post(f"/appeals/{signature.appeal.slug}/sent/", {"email": "ada@example.org"})
    assert response["Location"] == f"/appeals/{signature.appeal.slug}/sent/"
    deliver()
    client.post(confirm_link(mailoutbox[-1]))
    assert Signature.objects.get().state == "confirmed"


def signed_and_mailed(client: Client) -> str:
    """Ada signs a new appeal and her confirmation mail goes out; the address of the page
    that sends a new link."""
    appeal = make_appeal()
    sign(client, appeal)
    deliver()
    return f"/appeals/{appeal.slug}/sent/"


def test_it_answers_a_request_for_a_link_the_same_for_any_address(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    sent = signed_and_mailed(client)
    known = client.post(sent, {"email": "ADA@example.org"})
    unknown = client.post(sent, {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    deliver()
    assert [message.to for message in mailoutbox] == [["ada@example.org"]] * 2


def test_it_sends_new_links_to_one_address_only_a_few_times_an_hour(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    sent = signed_and_mailed(client)
    limit = Limits().mails_per_address
    answers = [client.post(sent, {"email": "ada@example.org"}) for _ in range(limit + 3)]
    assert {(answer.status_code, answer["Location"]) for answer in answers} == {(302, sent)}
    deliver()
    # The signing's mail counts too; the requests past the limit were taken and dropped.
    assert len(mailoutbox) == limit


def test_it_mails_the_personal_links_to_a_confirmed_signer_who_signs_again(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    link = signed(client, mailoutbox)
    client.post(link)
    sign(client, Signature.objects.get().appeal, email="Ada@Example.org")
    deliver()
    assert "already signed" in mailoutbox[-1].subject
    assert client.get(personal_link(mailoutbox[-1])).status_code == 200


def test_it_refuses_a_link_whose_key_was_changed(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    link = signed(client, mailoutbox)
    Signature.objects.update(link_key="0" * 64)
    assert client.get(link).status_code == 404
    client.post(link)
    assert Signature.objects.get().state == "pending"
    assert client.get(link.replace("/confirm/", "/confirm/x")).status_code == 404


def test_it_mails_plain_text_and_html_in_the_signers_language(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    sign(client, make_appeal(), prefix="/fa", name="لیلا احمدی")
    deliver()
    message = mailoutbox[0]
    assert message.body.startswith("سلام،")
    assert "درخواست free-them" in message.subject
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and 'dir="rtl"' in html
    assert "/fa/appeals/free-them/confirm/" in message.body

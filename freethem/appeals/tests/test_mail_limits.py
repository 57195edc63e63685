"""The sign form is no mail cannon: every mail a visitor can make us send (signing, signing
again, asking for a new link) shares one limit per address and one per network, a suspect
signature's mail far fewer, and the page never says which; no mail carries text a signer
typed, nor any link but the site's own."""

import re
from email.message import EmailMessage as ParsedMessage

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings

from freethem.appeals import defences
from freethem.appeals.models import Appeal, Limits, Signature
from freethem.appeals.tests.factories import SIGNER, confirm_link, make_appeal, sign
from freethem.core.testing.smtp import SMTPServer
from freethem.core.testing.smtp import smtp_server as smtp_server  # the fixture

pytestmark = pytest.mark.django_db(transaction=True)

LINK_LIKE_NAME = "URGENT: your signature leaked, re-verify at https://evil.example/x"


def deliver() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def addressed_to(mailoutbox: list[mail.EmailMessage], email: str) -> int:
    return sum(message.to == [email] for message in mailoutbox)


def test_it_mails_one_address_at_most_its_limit_however_often_it_signs(
    client: Client, mailoutbox: list[mail.EmailMessage]
) -> None:
    appeal = make_appeal()
    answers = {sign(client, appeal)["Location"] for _ in range(20)}
    deliver()
    assert answers == {f"/appeals/{appeal.slug}/sent/"}  # the same page every time
    assert Signature.objects.count() == 1
    assert len(mailoutbox) == Limits().mails_per_address == 3


def test_it_counts_signing_again_and_new_links_against_one_limit(
    client: Client, mailoutbox: list[mail.EmailMessage]
) -> None:
    appeal = make_appeal()
    sent = f"/appeals/{appeal.slug}/sent/"
    sign(client, appeal)
    client.post(sent, {"email": "ada@example.org"})
    sign(client, appeal, email="ADA@example.org")
    client.post(sent, {"email": "ada@example.org"})  # the fourth: over the limit
    sign(client, appeal)
    deliver()
    assert addressed_to(mailoutbox, "ada@example.org") == 3


def sign_from(client: Client, appeal: Appeal, ip: str, **fields: str) -> None:
    client.post(f"/appeals/{appeal.slug}/sign/", {**SIGNER, **fields}, REMOTE_ADDR=ip)


def test_it_mails_one_network_at_most_its_limit(
    client: Client, mailoutbox: list[mail.EmailMessage]
) -> None:
    Limits.objects.create(pk=1, mails_per_network=4)
    appeal = make_appeal()
    for n in range(6):
        sign_from(client, appeal, f"198.51.100.{n + 1}", email=f"signer{n}@example.org")
    client.post(
        f"/appeals/{appeal.slug}/sent/",
        {"email": "signer0@example.org"},
        REMOTE_ADDR="198.51.100.9",
    )
    # Another network is not held back by this one.
    sign_from(client, appeal, "203.0.113.5", email="elsewhere@example.org")
    deliver()
    assert Signature.objects.count() == 7  # every signature is kept
    assert len(mailoutbox) == 4 + 1
    assert addressed_to(mailoutbox, "elsewhere@example.org") == 1


def test_it_mails_a_suspect_signature_far_more_rarely(
    client: Client, mailoutbox: list[mail.EmailMessage]
) -> None:
    appeal = make_appeal()
    trap = {"website": "https://bot.example"}  # the honeypot: suspect
    for _ in range(3):
        sign(client, appeal, **trap)
    for n in range(8):
        sign(client, appeal, email=f"bot{n}@example.org", **trap)
    deliver()
    assert Signature.objects.filter(suspect=True).count() == 9
    assert addressed_to(mailoutbox, "ada@example.org") == defences.SUSPECT_MAILS_PER_ADDRESS
    assert len(mailoutbox) == defences.SUSPECT_MAILS_PER_NETWORK


def test_it_throttles_the_mail_of_a_suspect_request_for_a_clean_signature(
    client: Client, mailoutbox: list[mail.EmailMessage]
) -> None:
    appeal = make_appeal()
    sign(client, appeal)
    for _ in range(3):
        sign(client, appeal, website="https://bot.example")
    deliver()
    # The first signing's mail, and one more: the suspect requests' daily share.
    assert addressed_to(mailoutbox, "ada@example.org") == 2
    assert not Signature.objects.get().suspect  # the signature itself is untouched


URL = re.compile(r"""(?:https?://|www\.)[^\s"'<>]+""", re.IGNORECASE)
LINK_TARGET = re.compile(r"""(?:href|src|action)\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def parts(message: ParsedMessage) -> list[str]:
    return [part.get_content() for part in message.walk() if part.get_content_maintype() == "text"]


def test_it_never_puts_a_link_like_name_or_any_other_link_in_a_mail(
    client: Client, smtp_server: SMTPServer
) -> None:
    smtp_server.start()
    appeal = make_appeal()
    typed = {
        "name": LINK_LIKE_NAME,
        "city": "www.evil.example",
        "affiliation": "Write to help@evil.example now",
    }
    with override_settings(**smtp_server.email_settings()):
        sign(client, appeal, **typed)
        deliver()
        # Confirmed, then signing again: the mail with the personal links.
        confirm = next(
            url for url in URL.findall(parts(smtp_server.messages[0])[0]) if "/confirm/" in url
        )
        client.post(re.sub(r"^https?://[^/]+", "", confirm))
        sign(client, appeal, **typed)
        deliver()
    assert len(smtp_server.messages) == 2
    site = settings.FREETHEM_SITE_URL.rstrip("/") + "/"
    for message in smtp_server.messages:
        subject = str(message["Subject"])
        assert "evil" not in subject and not URL.findall(subject)
        for text in parts(message):
            assert "evil.example" not in text and "URGENT" not in text
            assert SIGNER["email"] not in text
            links = URL.findall(text) + LINK_TARGET.findall(text)
            assert links and all(link.startswith(site) for link in links), links


def test_it_greets_every_signer_the_same_way(
    client: Client, mailoutbox: list[mail.EmailMessage]
) -> None:
    appeal = make_appeal()
    sign(client, appeal, name="Ada Lovelace")
    sign(client, appeal, name=LINK_LIKE_NAME, email="other@example.org")
    deliver()
    first, second = (message.body for message in mailoutbox)
    assert first.splitlines()[0] == second.splitlines()[0] == "Hello,"
    assert "Ada" not in first
    assert confirm_link(mailoutbox[0]) != confirm_link(mailoutbox[1])

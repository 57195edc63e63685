"""The impersonation guard: a new signature whose name resembles a verified notable's on the
same appeal is held for review (not counted, not listed), silently: the signer's pages and mails
are those of any other signer. Other names are not held; staff see the reason in words."""

import re

import pytest
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.test import Client

from freethem.appeals import services
from freethem.appeals.models import Appeal, Signature, VerificationMeans
from freethem.appeals.tests.factories import (
    confirm_link,
    confirmed_count,
    make_appeal,
    passes_defences,  # noqa: F401 - a fixture
    personal_link,
    sign,
)
from freethem.appeals.tests.test_admin_support import SIGNATURES, make_signature, signed_in
from freethem.core.tests.factories import staff_user

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("passes_defences")]

NOTABLE = "Shirin Ebadi"


def deliver() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def with_notable(appeal: Appeal, name: str = NOTABLE) -> Signature:
    organiser = staff_user(username="organiser1", role="organiser")
    signature = make_signature(appeal, email="notable@example.net", name=name)
    services.notable_mark(
        signature=signature,
        verified_by=organiser,
        means=VerificationMeans.CALL,
        note="video call with her office",
        description_en="Nobel Peace laureate",
    )
    return signature


def signed_and_confirmed(
    client: Client, appeal: Appeal, mailoutbox: list[EmailMessage], name: str, email: str
) -> Signature:
    sign(client, appeal, name=name, email=email)
    deliver()
    client.post(confirm_link(mailoutbox[-1]))
    return Signature.objects.get(appeal=appeal, email_hash=services.email_hash(email))


@pytest.mark.parametrize(
    "name", ["Shіrin Ebаdi", "SHIRIN EBADI", "Ebadi Shirin", "شيرين عبادي", "Shirin Ebady"]
)
def test_it_holds_a_lookalike_of_a_notable_and_does_not_count_it(
    client: Client, mailoutbox: list[EmailMessage], name: str
) -> None:
    appeal = make_appeal()
    with_notable(appeal)
    before = confirmed_count(appeal)
    signature = signed_and_confirmed(client, appeal, mailoutbox, name, "fake@example.org")
    assert signature.state == "confirmed" and signature.held and not signature.suspect
    assert signature.reasons.split() == ["lookalike"]
    assert confirmed_count(appeal) == before
    assert name not in client.get(appeal.get_absolute_url()).content.decode()
    # Released by staff, it counts like any other.
    services.signature_release(signature=signature)
    assert confirmed_count(appeal) == before + 1


@pytest.mark.parametrize("name", ["Shirin Ahmadi", "Sharon Abadi", "Ada Lovelace"])
def test_it_does_not_hold_another_person(
    client: Client, mailoutbox: list[EmailMessage], name: str
) -> None:
    appeal = make_appeal()
    with_notable(appeal)
    signature = signed_and_confirmed(client, appeal, mailoutbox, name, "other@example.org")
    assert not signature.held and signature.reasons == ""
    assert signature.counts


def test_it_holds_a_lookalike_only_on_the_notables_appeal(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    with_notable(make_appeal(slug="theirs"))
    other = make_appeal(slug="another")
    signature = signed_and_confirmed(client, other, mailoutbox, "Shirin Ebadi", "s@example.org")
    assert not signature.held


def test_it_holds_a_lookalike_of_a_notable_marked_a_moment_ago(
    client: Client, mailoutbox: list[EmailMessage]
) -> None:
    appeal = make_appeal()
    first = signed_and_confirmed(client, appeal, mailoutbox, "Noam Sample", "a@example.org")
    assert not first.held
    with_notable(appeal, name="Noam Sample")  # the memo of notables' names is cleared
    second = signed_and_confirmed(client, appeal, mailoutbox, "Nоam Sample", "b@example.org")
    assert second.held


def same(text: str, email: str) -> str:
    """A page or mail without what differs between any two signers: the secret links, the
    share codes, the form tokens, the address."""
    text = re.sub(r"/(confirm|you)/[^/\s\"]+/", r"/\1/TOKEN/", text)
    text = re.sub(r"via(=|%3D)[a-z0-9]+", r"via\1CODE", text)
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)
    return text.replace(email, "EMAIL")


def journey(
    client: Client, appeal: Appeal, mailoutbox: list[EmailMessage], email: str, prefix: str
) -> list[str]:
    """Everything a signer sees, from the sign form to signing again after confirming."""
    name = "Shirin Ebady"
    seen = []
    response = sign(client, appeal, prefix, name=name, email=email)
    seen += [str(response.status_code), response["Location"], response.content.decode()]
    seen.append(client.get(response["Location"]).content.decode())
    deliver()
    message = mailoutbox[-1]
    seen += [message.subject, message.body, *(str(part[0]) for part in message.alternatives)]
    seen.append(client.get(confirm_link(message)).content.decode())
    confirmed = client.post(confirm_link(message))
    seen.append(client.get(confirmed["Location"]).content.decode())
    sign(client, appeal, prefix, name=name, email=email)  # again: a mail with the links
    deliver()
    again = mailoutbox[-1]
    seen += [again.subject, again.body, *(str(part[0]) for part in again.alternatives)]
    seen.append(client.get(personal_link(again)).content.decode())
    seen.append(client.get(confirm_link(message)).content.decode())
    return [same(text, email) for text in seen]


@pytest.mark.parametrize("prefix", ["", "/fa"])
def test_it_shows_a_held_lookalike_what_every_signer_sees(
    client: Client, mailoutbox: list[EmailMessage], prefix: str
) -> None:
    appeal = make_appeal()
    notable = with_notable(appeal)
    held = journey(client, appeal, mailoutbox, "held@example.org", prefix)
    assert Signature.objects.get(email_hash=services.email_hash("held@example.org")).held
    # The same journey with the same name once nobody is notable: not held.
    services.notable_unmark(signature=notable, user=staff_user(username="o2", role="organiser"))
    free = journey(client, appeal, mailoutbox, "free@example.org", prefix)
    assert not Signature.objects.get(email_hash=services.email_hash("free@example.org")).held
    assert held == free


@pytest.mark.parametrize(
    ("prefix", "words"),
    [("", "Name resembles a notable signatory"), ("/fa", "نام شبیه نام یک امضاکنندهٔ سرشناس است")],
)
def test_it_tells_staff_why_in_words(
    client: Client, mailoutbox: list[EmailMessage], prefix: str, words: str
) -> None:
    appeal = make_appeal()
    with_notable(appeal)
    signed_and_confirmed(client, appeal, mailoutbox, "Shirin Ebady", "fake@example.org")
    signed_in(client, role="moderator")
    page = client.get(f"{prefix}{SIGNATURES}?held__exact=1").content.decode()
    assert words in page

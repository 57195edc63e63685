"""What a signer without the browser check (JavaScript off) is told: never that their signature
"is confirmed" while it waits to be checked, but plainly that it counts once checked. Every
such signature is held, and no other; what the defences decide beyond that (suspect) is never
shown, so a suspect signer is told what everyone else is. Mails go through a real SMTP server,
and keep the appeal's title whole whatever the language (<bdi>, or FSI ... PDI in text)."""

import re
from collections.abc import Iterator
from email.message import EmailMessage as ParsedMessage

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from freethem.appeals.models import Signature
from freethem.appeals.services import signature_release
from freethem.appeals.tests.factories import SIGNER, confirmed_count, make_appeal, sign
from freethem.core.testing.smtp import SMTPServer
from freethem.core.testing.smtp import smtp_server as smtp_server  # the fixture

pytestmark = pytest.mark.django_db(transaction=True)

WAITS = 'Your signature of "<bdi>Appeal free-them</bdi>" will count once it has been checked.'
CONFIRMED = "is confirmed"
FSI, PDI = "\u2068", "\u2069"


def deliver() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def parts(message: ParsedMessage) -> dict[str, str]:
    return {
        part.get_content_subtype(): part.get_content()
        for part in message.walk()
        if part.get_content_maintype() == "text"
    }


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def link_in(message: ParsedMessage, kind: str) -> str:
    url = next(u for u in re.findall(r"https?://\S+", parts(message)["plain"]) if kind in u)
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def smtp(smtp_server: SMTPServer) -> Iterator[SMTPServer]:
    smtp_server.start()
    with override_settings(**smtp_server.email_settings()):
        yield smtp_server


def signed_and_confirmed(client: Client, smtp: SMTPServer, prefix: str = "") -> str:
    """Sign as a browser without JavaScript does (no proof of work) and confirm: the page the
    confirmation leads to."""
    appeal = make_appeal()
    client.post(f"{prefix}/appeals/{appeal.slug}/sign/", SIGNER)
    deliver()
    response = client.post(link_in(smtp.messages[-1], "/confirm/"))
    return response["Location"]


def test_it_says_a_held_signature_counts_once_checked_never_that_it_is_confirmed(
    client: Client, smtp: SMTPServer
) -> None:
    personal = signed_and_confirmed(client, smtp)
    signature = Signature.objects.get()
    assert signature.held and signature.state == "confirmed" and not signature.counts
    page = client.get(personal).content.decode()
    assert "Thank you. " + WAITS in page
    assert CONFIRMED not in page
    # The confirmation page, opened again, says the same.
    again = client.get(link_in(smtp.messages[-1], "/confirm/")).content.decode()
    assert "Thank you. Your signature will count once it has been checked." in again
    assert "already confirmed" not in again
    assert confirmed_count(signature.appeal) == 0


def test_it_tells_a_suspect_signer_without_the_check_the_very_same(
    client: Client, smtp: SMTPServer
) -> None:
    personal = signed_and_confirmed(client, smtp)
    plain = without_tokens(client.get(personal).content.decode())
    Signature.objects.update(suspect=True, reasons="no-pow blocked-ip")
    assert without_tokens(client.get(personal).content.decode()) == plain


def test_it_says_confirmed_once_staff_have_released_it(client: Client, smtp: SMTPServer) -> None:
    personal = signed_and_confirmed(client, smtp)
    signature_release(signature=Signature.objects.get())
    page = client.get(personal).content.decode()
    assert CONFIRMED in page and "will count once" not in page
    assert confirmed_count(Signature.objects.get().appeal) == 1


def test_it_notes_the_check_on_the_check_your_email_page_without_javascript(
    client: Client,
) -> None:
    appeal = make_appeal()
    html = client.get(f"/appeals/{appeal.slug}/sent/").content.decode()
    assert (
        "<noscript><p>With JavaScript off, your signature is checked by a person before it "
        "counts.</p></noscript>"
    ) in html


def test_it_does_not_call_a_held_signature_counted_in_the_mail_for_signing_again(
    client: Client, smtp: SMTPServer
) -> None:
    signed_and_confirmed(client, smtp)
    sign(client, Signature.objects.get().appeal)
    deliver()
    mail = parts(smtp.messages[-1])
    assert (
        "Your signature will count once it has been checked: nothing has changed." in mail["plain"]
    )
    assert "counted once" not in mail["plain"] and "counted once" not in mail["html"]


@pytest.mark.parametrize(
    ("prefix", "title"), [("", "Appeal free-them"), ("/fa", "درخواست free-them")]
)
def test_it_isolates_the_appeals_title_in_both_parts_of_the_mail(
    client: Client, smtp: SMTPServer, prefix: str, title: str
) -> None:
    make_appeal()
    client.post(f"{prefix}/appeals/free-them/sign/", SIGNER)
    deliver()
    mail = parts(smtp.messages[-1])
    assert f"{FSI}{title}{PDI}" in mail["plain"]
    assert f"<bdi>{title}</bdi>" in mail["html"]
    assert FSI not in mail["html"]

"""Signatures in the staff area: moderators review abuse signals without ever seeing an email
or IP; organisers see them, and each look is written to the audit log."""

import pytest
from django.test import Client

from freethem.appeals.models import Display
from freethem.appeals.tests.test_admin_support import (
    SIGNATURES,
    make_appeal,
    make_signature,
    signed_in,
)
from freethem.core.models import AuditEntry

pytestmark = pytest.mark.django_db

EMAIL = "ada.private@example.net"
IP = "198.51.100.23"


def pages(client: Client, signature_id: int) -> dict[str, str]:
    """Every page about signatures a staff user can open, by what it is."""
    urls = {
        "list": SIGNATURES,
        "search domain": f"{SIGNATURES}?q=example.net",
        "change": f"{SIGNATURES}{signature_id}/change/",
        "history": f"{SIGNATURES}{signature_id}/history/",
        "appeal list": "/staff/appeals/appeal/",
        "home": "/staff/",
    }
    found = {}
    for what, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, (what, response.status_code)
        found[what] = response.content.decode()
    return found


def test_it_never_shows_a_moderator_an_email_or_ip(client: Client) -> None:
    signature = make_signature(
        make_appeal(),
        email=EMAIL,
        ip=IP,
        name="Ada Secret",
        display=Display.HIDDEN,
        suspect=True,
        reasons="ip-limit",
    )
    signed_in(client, role="moderator")

    for what, html in pages(client, signature.pk).items():
        assert EMAIL not in html, what
        assert "ada.private" not in html, what
        assert IP not in html, what
        assert "Ada Secret" not in html, what  # a name the signer did not let us show
    change = pages(client, signature.pk)["change"]
    # The abuse signals are there, the reason in words.
    assert "Too many from one address" in change and "example.net" in change
    assert not AuditEntry.objects.exists()  # nothing personal was seen


def test_it_finds_nothing_when_a_moderator_searches_by_email(client: Client) -> None:
    make_signature(make_appeal(), email=EMAIL, name="Ada Lovelace")
    signed_in(client, role="moderator")
    html = client.get(SIGNATURES, {"q": EMAIL}).content.decode()
    assert "Ada Lovelace" not in html


def test_it_offers_a_moderator_no_export_and_no_delete(client: Client) -> None:
    signature = make_signature(make_appeal(), email=EMAIL)
    signed_in(client, role="moderator")
    html = client.get(SIGNATURES).content.decode()
    assert 'value="export_emails"' not in html
    assert 'value="delete_selected"' not in html
    response = client.post(
        SIGNATURES, {"action": "export_emails", "_selected_action": [signature.pk]}
    )
    assert EMAIL not in response.content.decode()
    assert client.get(f"{SIGNATURES}{signature.pk}/delete/").status_code == 403


def test_it_shows_an_organiser_the_email_and_writes_it_down(client: Client) -> None:
    signature = make_signature(
        make_appeal(), email=EMAIL, ip=IP, name="Ada Secret", display=Display.HIDDEN
    )
    user = signed_in(client, role="organiser")

    html = client.get(f"{SIGNATURES}{signature.pk}/change/").content.decode()

    assert EMAIL in html and IP in html and "Ada Secret" in html
    entry = AuditEntry.objects.get()
    assert (entry.user, entry.username) == (user, "organiser1")
    assert entry.action == "view signature"
    assert entry.subject == f"signature {signature.pk}"
    assert EMAIL not in entry.detail + entry.subject  # the log names, never copies


def test_it_keeps_emails_out_of_the_organisers_list(client: Client) -> None:
    make_signature(make_appeal(), email=EMAIL, ip=IP)
    signed_in(client, role="organiser")
    html = client.get(SIGNATURES).content.decode()
    assert EMAIL not in html and IP not in html


def test_it_lets_an_organiser_find_a_signature_by_email_written_differently(
    client: Client,
) -> None:
    make_signature(make_appeal(), email=EMAIL, name="Ada Lovelace")
    make_signature(make_appeal(slug="other"), email="someone@example.org", name="Bob Other")
    signed_in(client, role="organiser")

    html = client.get(SIGNATURES, {"q": "  ADA.Private@Example.NET "}).content.decode()

    assert "Ada Lovelace" in html and "Bob Other" not in html
    assert AuditEntry.objects.filter(action="search signatures by email").count() == 1


def test_it_exports_only_confirmed_counted_signers_who_asked_for_updates(client: Client) -> None:
    appeal = make_appeal()
    wanted = make_signature(appeal, email="yes@example.org", name="=cmd()", wants_updates=True)
    make_signature(appeal, email="no@example.org", wants_updates=False)
    make_signature(appeal, email="pending@example.org", wants_updates=True, confirmed=False)
    make_signature(appeal, email="suspect@example.org", wants_updates=True, suspect=True)
    quoted = make_signature(appeal, email="quoted@example.org", name="'+1", wants_updates=True)
    signed_in(client, role="organiser")

    response = client.post(
        SIGNATURES, {"action": "export_emails", "select_across": "1", "_selected_action": ["0"]}
    )

    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode()
    lines = body.splitlines()
    assert lines[0] == "email,name,language,country,appeal"
    # A cell that a spreadsheet would run gets an apostrophe, and so does one that starts with
    # an apostrophe (reading back takes one off).
    assert lines[1:] == [
        f"yes@example.org,'=cmd(),en,DE,{appeal.slug}",
        f"{quoted.email},''+1,en,DE,{appeal.slug}",
    ]
    entry = AuditEntry.objects.get(action="export emails")
    assert (entry.subject, entry.detail) == (appeal.slug, "2 addresses")
    assert wanted.email not in entry.subject


def test_it_exports_an_appeals_emails_from_its_page(client: Client) -> None:
    appeal = make_appeal()
    make_signature(appeal, email="yes@example.org", wants_updates=True)
    make_signature(make_appeal(slug="other"), email="other@example.org", wants_updates=True)
    signed_in(client, role="organiser")

    page = client.get(f"/staff/appeals/appeal/{appeal.pk}/change/").content.decode()
    assert f"/staff/appeals/appeal/{appeal.pk}/emails.csv" in page
    response = client.get(f"/staff/appeals/appeal/{appeal.pk}/emails.csv")

    body = b"".join(response.streaming_content).decode()
    assert "yes@example.org" in body and "other@example.org" not in body
    assert AuditEntry.objects.filter(action="export emails", subject=appeal.slug).exists()


def test_it_refuses_a_moderator_the_appeals_email_export(client: Client) -> None:
    appeal = make_appeal()
    make_signature(appeal, email="yes@example.org", wants_updates=True)
    signed_in(client, role="moderator")
    page = client.get(f"/staff/appeals/appeal/{appeal.pk}/change/").content.decode()
    assert "emails.csv" not in page
    assert client.get(f"/staff/appeals/appeal/{appeal.pk}/emails.csv").status_code == 403
    assert not AuditEntry.objects.exists()


def test_it_lets_a_moderator_change_the_shown_name_only(client: Client) -> None:
    signature = make_signature(make_appeal(), email=EMAIL, name="Rude Name")
    signed_in(client, role="moderator")
    response = client.post(
        f"{SIGNATURES}{signature.pk}/change/",
        {"public_name": "R. N.", "suspect": "on", "country": "FR"},
    )
    assert response.status_code == 302
    signature.refresh_from_db()
    assert signature.public_name == "R. N."
    assert (signature.suspect, signature.country.code) == (False, "DE")  # through actions only

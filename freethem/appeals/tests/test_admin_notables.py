"""Notable signatories in the staff area: an organiser records the verification first, and the
notable appears on the appeal's page once the form is saved; changing it keeps the verification
as recorded; deleting un-marks. Moderators can neither open the module nor set the flag."""

import pytest
from django.test import Client

from freethem.appeals.models import Notable, Signature
from freethem.appeals.tests.test_admin_support import (
    SIGNATURES,
    make_appeal,
    make_signature,
    signed_in,
)
from freethem.core.models import AuditEntry

pytestmark = pytest.mark.django_db

NOTABLES = "/staff/appeals/notable/"
FORM = {
    "verified_at_0": "2026-11-30",
    "verified_at_1": "18:00:00",
    "means": "call",
    "note": "Video call with her office, 30 Nov",
    "description_en": "Linguist and author",
    "description_fa": "زبان‌شناس و نویسنده",
    "statement_en": "I stand with them.",
    "statement_fa": "",
}


def test_it_lets_an_organiser_verify_then_show_a_notable(client: Client) -> None:
    appeal = make_appeal()
    signature = make_signature(appeal, email="n@example.org", name="Noam Notable")
    organiser = signed_in(client, role="organiser")
    # The signature's page links to the form, which asks for the verification first.
    page = client.get(f"{SIGNATURES}{signature.pk}/change/").content.decode()
    assert f"{NOTABLES}add/?signature={signature.pk}" in page
    form = client.get(f"{NOTABLES}add/?signature={signature.pk}").content.decode()
    assert form.index("How the signer&#x27;s identity was verified") < form.index(
        "What the public sees"
    )
    assert "Linguist and author" not in client.get(appeal.get_absolute_url()).content.decode()

    response = client.post(f"{NOTABLES}add/", {**FORM, "signature": signature.pk})
    assert response.status_code == 302, response.content.decode()
    notable = Notable.objects.get()
    assert (notable.verified_by, notable.means, notable.note) == (
        organiser,
        "call",
        FORM["note"],
    )
    html = client.get(appeal.get_absolute_url()).content.decode()
    assert "<bdi>Linguist and author</bdi>" in html and "I stand with them." in html
    assert AuditEntry.objects.filter(action="mark notable signatory").exists()

    # Changing what is shown keeps the verification; deleting un-marks.
    change = client.get(f"{NOTABLES}{notable.pk}/change/").content.decode()
    assert FORM["note"] in change and 'name="note"' not in change
    client.post(f"{NOTABLES}{notable.pk}/change/", {**FORM, "description_en": "Poet"})
    assert Notable.objects.get().description_en == "Poet"
    client.post(f"{NOTABLES}{notable.pk}/delete/", {"post": "yes"})
    assert not Notable.objects.exists() and not Signature.objects.get().notable
    assert "Poet" not in client.get(appeal.get_absolute_url()).content.decode()


@pytest.mark.parametrize("prefix", ["", "/fa"])
def test_it_refuses_a_signature_that_does_not_count_on_the_form(
    client: Client, prefix: str
) -> None:
    signature = make_signature(make_appeal(), email="n@example.org", held=True)
    signed_in(client, role="organiser")
    response = client.post(f"{prefix}{NOTABLES}add/", {**FORM, "signature": signature.pk})
    assert response.status_code == 200
    words = {"": "Only a confirmed signature that counts", "/fa": "فقط امضای تأییدشده"}[prefix]
    assert words in response.content.decode()
    assert not Notable.objects.exists()


def test_it_refuses_a_notable_without_its_verification(client: Client) -> None:
    signature = make_signature(make_appeal(), email="n@example.org")
    signed_in(client, role="organiser")
    response = client.post(
        f"{NOTABLES}add/", {**FORM, "signature": signature.pk, "note": "", "means": ""}
    )
    assert response.status_code == 200
    assert not Notable.objects.exists()


def test_it_keeps_moderators_out(client: Client) -> None:
    signature = make_signature(make_appeal(), email="n@example.org")
    signed_in(client, role="moderator")
    assert client.get(f"{NOTABLES}add/").status_code == 403
    assert client.post(f"{NOTABLES}add/", {**FORM, "signature": signature.pk}).status_code == 403
    assert client.get(NOTABLES).status_code == 403
    assert NOTABLES not in client.get("/staff/").content.decode()
    # The flag on the signature's page is not theirs to set either.
    client.post(
        f"{SIGNATURES}{signature.pk}/change/", {"public_name": "Ada Lovelace", "notable": "on"}
    )
    assert not Signature.objects.get().notable and not Notable.objects.exists()

"""The letter and the solidarity card as PDFs: the prisoner's name and the supporter's are in
the text of the PDF, in English and in Persian; PDFs are bounded per network."""

from io import BytesIO

import pytest
from django.http import HttpResponse
from django.test import Client
from pypdf import PdfReader

from freethem.actions.models import UrgentAction
from freethem.actions.services import urgent as services
from freethem.actions.tests.factories import make_urgent_action
from freethem.actions.vocab import OfficialRole
from freethem.prisoners.tests.factories import make_person

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF-")
    reader = PdfReader(BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def action_for_reza() -> UrgentAction:
    person = make_person(name_latin="Reza Karimi", name_fa="رضا کریمی")
    return make_urgent_action(prisoner=person)


def letter_pdf(client: Client, action: UrgentAction, language: str, name: str) -> HttpResponse:
    official = action.officials.get(role=OfficialRole.TARGET)
    return client.post(
        f"/urgent-actions/{action.slug}/letter/pdf/",
        {"name": name, "town": "Oslo", "language": language, "official": official.pk},
        REMOTE_ADDR="198.51.100.9",
    )


@pytest.mark.parametrize(
    ("language", "supporter", "prisoner"),
    [("en", "Ada Lovelace", "Reza Karimi"), ("fa", "لیلا احمدی", "رضا کریمی")],
)
def test_it_prints_both_names_in_the_letter(
    client: Client, language: str, supporter: str, prisoner: str
) -> None:
    action = action_for_reza()
    response = letter_pdf(client, action, language, supporter)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert supporter in text and prisoner in text
    assert "Head of the Judiciary" in text


def test_it_prints_a_card_with_the_greeting_and_first_name_only(client: Client) -> None:
    action = action_for_reza()
    action.card_address = "Reza Karimi\nWard 4, Evin Prison\nTehran, Iran"
    action.save()
    page = client.get(f"/urgent-actions/{action.slug}/card/").content.decode()
    assert "Greetings only." in page and "Thinking of you. You are not alone." in page
    assert "Ward 4, Evin Prison" in page
    response = client.post(
        f"/urgent-actions/{action.slug}/card/", {"first_name": "Ada", "town": "Oslo"}
    )
    text = pdf_text(response.content)
    assert "Thinking of you. You are not alone." in text
    assert "Ada, Oslo" in text and "Ward 4, Evin Prison" in text


def test_it_bounds_the_pdfs_a_network_makes(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    action = action_for_reza()
    monkeypatch.setattr(services, "PDFS_PER_NETWORK", 1)
    assert letter_pdf(client, action, "en", "Ada").status_code == 200
    refused = letter_pdf(client, action, "en", "Ada")
    assert refused.status_code == 429
    assert "Too many PDFs were made from your network" in refused.content.decode()
    bad = letter_pdf(client, action, "en", "")
    assert bad.status_code == 400  # a bad form costs no PDF and says what is wrong
    assert "Please enter your name: it signs the letter." in bad.content.decode()

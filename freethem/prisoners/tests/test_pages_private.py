"""Private fields and unpublished people never reach a public page or export."""

import datetime

import pytest
from django.test import Client

from freethem.prisoners.tests.factories import (
    make_case,
    make_category,
    make_event,
    make_person,
    make_prison,
)
from freethem.prisoners.vocab import Publication

pytestmark = pytest.mark.django_db

SECRETS = ("secret-family-phone", "secret-note")
PAGES = ["/prisoners/", "/prisoners/?q=Visible", "/prisoners/visible/", "/prisoners/stats/"]
EXPORTS = ["/prisoners/export.csv", "/prisoners/export.json"]


@pytest.fixture
def records() -> None:
    prison = make_prison(name_en="Draft-only Prison")
    category = make_category(name_en="Draft-only Category")
    visible = make_person(
        slug="visible",
        name_latin="Visible Person",
        name_fa="شخص دیدنی",
        family_contacts=SECRETS[0],
        researcher_notes=SECRETS[1],
    )
    make_case(visible, arrested_on=datetime.date(2020, 3, 3))
    make_event(visible, occurred_on=datetime.date(2020, 3, 3))
    for publication in (Publication.DRAFT, Publication.REVIEW):
        draft = make_person(
            slug=f"draft-{publication}",
            name_latin=f"Unpublished {publication}",
            current_prison=prison,
            categories=[category],
            family_contacts=SECRETS[0],
            researcher_notes=SECRETS[1],
            publication=publication,
        )
        make_case(draft, arrested_on=datetime.date(1999, 9, 9))


def fetch(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize("language", ["", "/fa"])
@pytest.mark.parametrize("path", PAGES)
def test_it_keeps_private_fields_and_unpublished_people_off_public_pages(
    client: Client, records: None, language: str, path: str
) -> None:
    text = fetch(client, language + path)
    assert not [secret for secret in SECRETS if secret in text]
    assert "Unpublished" not in text
    assert "Draft-only" not in text
    assert "1999" not in text and "۱۹۹۹" not in text
    if path != "/prisoners/stats/":
        assert "Visible Person" in text


@pytest.mark.parametrize("language", ["", "/fa"])
@pytest.mark.parametrize("path", EXPORTS)
def test_it_keeps_private_fields_and_unpublished_people_out_of_exports(
    client: Client, records: None, language: str, path: str
) -> None:
    text = fetch(client, language + path)
    assert "Visible Person" in text
    assert not [secret for secret in SECRETS if secret in text]
    assert "Unpublished" not in text
    assert "1999" not in text


@pytest.mark.parametrize("publication", [Publication.DRAFT, Publication.REVIEW])
def test_it_answers_404_for_an_unpublished_profile_in_both_languages(
    client: Client, records: None, publication: str
) -> None:
    assert client.get(f"/prisoners/draft-{publication}/").status_code == 404
    assert client.get(f"/fa/prisoners/draft-{publication}/").status_code == 404

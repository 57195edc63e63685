"""A person added twice under another spelling or script is caught before it is saved."""

import pytest
from django.test import Client

from freethem.prisoners.forms import DIFFERENT_PERSON, POSSIBLE_DUPLICATE
from freethem.prisoners.models import Person
from freethem.prisoners.tests.factories import make_person
from freethem.prisoners.tests.test_admin_support import PEOPLE, fill, page_form, signed_in
from freethem.prisoners.vocab import Publication

pytestmark = pytest.mark.django_db


def test_it_warns_of_a_duplicate_and_saves_only_when_told_it_is_another_person(
    client: Client,
) -> None:
    signed_in(client)
    existing = make_person(
        name_latin="Nasrin Sotoudeh", name_fa="نسرین ستوده", publication=Publication.DRAFT
    )
    data = fill(
        page_form(client, f"{PEOPLE}add/"),
        {
            "name_latin": "Nasrin Sotudeh",
            "name_fa": "نسرين ستوده",  # typed on an Arabic keyboard
            "cases-0-arrested_on": "1397/03/23",
        },
    )

    first = client.post(f"{PEOPLE}add/", data)
    html = first.content.decode()
    assert first.status_code == 200
    assert str(POSSIBLE_DUPLICATE) in html
    assert f'href="{PEOPLE}{existing.pk}/change/"' in html
    assert "Nasrin Sotoudeh" in html and str(DIFFERENT_PERSON) in html
    assert 'value="1397/03/23"' in html  # what was typed is kept
    assert Person.objects.count() == 1

    again = fill(data, {"different_person": "on"})
    assert client.post(f"{PEOPLE}add/", again).status_code == 302
    assert Person.objects.count() == 2
    assert Person.objects.get(name_latin="Nasrin Sotudeh").slug == "nasrin-sotudeh"


def test_it_finds_a_duplicate_through_the_other_names_being_added(client: Client) -> None:
    signed_in(client)
    make_person(name_latin="Nasrin Sotoudeh", name_fa="نسرین ستوده")
    data = fill(
        page_form(client, f"{PEOPLE}add/"),
        {
            "name_latin": "N. S.",
            "name_fa": "ن. س.",
            "other_names-0-name": "Nasrine Sotoodeh",
        },
    )
    assert str(POSSIBLE_DUPLICATE) in client.post(f"{PEOPLE}add/", data).content.decode()
    assert Person.objects.count() == 1


def test_it_adds_a_person_with_no_namesake_at_once(client: Client) -> None:
    signed_in(client)
    make_person(name_latin="Nasrin Sotoudeh", name_fa="نسرین ستوده")
    data = fill(
        page_form(client, f"{PEOPLE}add/"),
        {
            "name_latin": "Narges Mohammadi",
            "name_fa": "نرگس محمدی",
        },
    )
    assert client.post(f"{PEOPLE}add/", data).status_code == 302


def test_it_checks_again_when_a_name_changes_but_not_for_other_edits(client: Client) -> None:
    signed_in(client)
    make_person(name_latin="Nasrin Sotoudeh", name_fa="نسرین ستوده")
    person = make_person(name_latin="Someone Else", name_fa="کسی دیگر")
    url = f"{PEOPLE}{person.pk}/change/"
    data = page_form(client, url)

    assert client.post(url, fill(data, {"summary_en": "A lawyer."})).status_code == 302
    renamed = client.post(url, fill(data, {"name_latin": "Nasrin Sotoodeh"}))
    assert str(POSSIBLE_DUPLICATE) in renamed.content.decode()
    assert Person.objects.get(pk=person.pk).name_latin == "Someone Else"

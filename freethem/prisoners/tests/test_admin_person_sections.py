"""The long person form: the fields a researcher fills in first are open at the top; the rest,
the cases and the timeline fold away in sections (<details>) and open when they hold an error.
Its date examples keep their order and digits in Persian."""

import re

import pytest
from django.test import Client
from django.utils import translation

from freethem.core.dates import DATE_UNREADABLE, PARTIAL_DATE_HELP
from freethem.prisoners.tests.test_admin_support import PEOPLE, fill, page_form, signed_in

pytestmark = pytest.mark.django_db

FOLDED = ["About the person", "Designation", "Photo", "Private: never published"]


def sections(page: str) -> list[tuple[str, bool, list[str]]]:
    """Each fieldset of the form: its heading, whether it folds, and the fields in it."""
    found = []
    for fieldset in re.findall(r'<fieldset class="module aligned[^"]*".*?</fieldset>', page, re.S):
        heading = re.search(r'class="fieldset-heading">([^<]*)<', fieldset)
        fields = re.findall(r'class="form-row[^"]*? field-(\w+)', fieldset)
        folds = "<details>" in fieldset
        found.append((heading[1] if heading else "", folds, fields))
    return found


def test_it_opens_on_the_essential_fields_and_folds_the_rest(client: Client) -> None:
    signed_in(client)
    page = client.get(f"{PEOPLE}add/").content.decode()
    form = sections(page)
    _heading, first_folds, first_fields = form[0]
    assert not first_folds and first_fields[:3] == ["name_fa", "custody_status", "current_prison"]
    assert "name_latin" in page.split('field-custody_status"')[0]  # beside the Persian name
    assert [heading for heading, folds, _fields in form if folds] == FOLDED
    assert ("Public summary", False, ["summary_en", "summary_fa"]) in form
    for name in ("slug", "birth_date", "photo", "family_contacts"):
        places = [folds for _heading, folds, fields in form if name in fields]
        assert places and all(places), name  # in the form, and only in folded sections
    # The cases and the timeline fold too.
    for group in ("cases-group", "events-group"):
        inline = page.split(f'id="{group}"', 1)[1].split("</fieldset>", 1)[0]
        assert "<details><summary>" in inline


def test_it_opens_a_section_that_holds_an_error(client: Client) -> None:
    signed_in(client)
    data = fill(
        page_form(client, f"{PEOPLE}add/"),
        {"name_fa": "نسرین ستوده", "name_latin": "Nasrin Sotoudeh", "birth_date": "someday"},
    )
    page = client.post(f"{PEOPLE}add/", data).content.decode()
    about = next(s for s in sections(page) if s[0] == "About the person")
    assert about[1] is False  # not folded: the error shows
    assert str(DATE_UNREADABLE) in page


@pytest.mark.parametrize("language", ["en", "fa"])
def test_it_isolates_each_date_example(language: str) -> None:
    with translation.override(language):
        for text in (str(PARTIAL_DATE_HELP), str(DATE_UNREADABLE)):
            assert "\u20662020-10-31\u2069" in text  # left to right, whatever the sentence
            assert "\u2066۱۳۹۹/۰۸/۱۰\u2069" in text or "\u20661399/08/10\u2069" in text
            assert "\u2068آبان ۱۳۹۹\u2069" in text


def test_it_types_each_name_in_its_own_direction(client: Client) -> None:
    signed_in(client)
    page = client.get(f"{PEOPLE}add/").content.decode()
    for name in ("name_fa", "name_latin", "other_names-0-name", "cases-0-arrest_place_fa"):
        tag = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', page)
        assert tag and 'dir="auto"' in tag[0], name

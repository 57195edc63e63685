"""Entering a person in the staff area: names, inline cases and timeline, dates as sources
give them, and the staff search that knows Persian."""

import datetime

import pytest
from django.test import Client

from freethem.core.dates import DATE_NO_SUCH_MONTH, DATE_UNREADABLE, Calendar, Precision
from freethem.prisoners.forms import SLUG_HELP
from freethem.prisoners.models import Case, Event, Person
from freethem.prisoners.tests.factories import make_case, make_person, make_source
from freethem.prisoners.tests.test_admin_support import PEOPLE, fill, page_form, signed_in
from freethem.prisoners.vocab import EventKind, Publication

pytestmark = pytest.mark.django_db


def new_person(client: Client, values: dict) -> tuple[int, str]:
    data = fill(page_form(client, f"{PEOPLE}add/"), values)
    response = client.post(f"{PEOPLE}add/", data)
    return response.status_code, response.content.decode()


def test_it_adds_a_person_with_a_case_dated_by_a_solar_hijri_month(client: Client) -> None:
    signed_in(client)
    status, _html = new_person(
        client,
        {
            "name_fa": "سپیده قلیان",
            "name_latin": "Sepideh Gholian",
            "cases-0-arrested_on": "آبان ۱۳۹۹",
            "cases-0-arrest_place_en": "Shush",
        },
    )
    assert status == 302
    person = Person.objects.get(name_latin="Sepideh Gholian")
    assert person.slug == "sepideh-gholian"  # made from the Latin name
    assert person.publication == Publication.DRAFT
    case = person.cases.get()
    assert case.arrested_on == datetime.date(2020, 10, 22)  # 1 Aban 1399, no invented day
    assert case.arrested_on_precision == Precision.MONTH
    assert case.arrested_on_calendar == Calendar.JALALI
    assert case.arrested_on_text == "آبان ۱۳۹۹"

    again = client.get(f"{PEOPLE}{person.pk}/change/").content.decode()
    assert 'value="آبان ۱۳۹۹"' in again  # shown as the source gave it


def test_it_reads_each_way_sources_write_a_date(client: Client) -> None:
    signed_in(client)
    status, _html = new_person(
        client,
        {
            "name_fa": "نرگس محمدی",
            "name_latin": "Narges Mohammadi",
            "birth_date": "1972-04-21",
            "cases-0-arrested_on": "۱۳۹۹/۰۸/۱۰",
            "cases-0-verdict_on": "1399-08-10",
            "events-0-kind": EventKind.ARREST,
            "events-0-occurred_on": "2020-10-31",
        },
    )
    assert status == 302
    person = Person.objects.get(name_latin="Narges Mohammadi")
    assert (person.birth_date, person.birth_date_precision) == (datetime.date(1972, 4, 21), "day")
    case = person.cases.get()
    assert case.arrested_on == case.verdict_on == datetime.date(2020, 10, 31)
    assert (case.arrested_on_precision, case.arrested_on_calendar) == ("day", "jalali")
    assert case.arrested_on_text == "۱۳۹۹/۰۸/۱۰"
    event = person.events.get()
    assert (event.occurred_on, event.occurred_on_calendar) == (
        datetime.date(2020, 10, 31),
        "gregorian",
    )


def test_it_shows_the_error_of_a_bad_date_and_keeps_what_was_typed(client: Client) -> None:
    signed_in(client)
    status, html = new_person(
        client,
        {
            "name_fa": "سپیده قلیان",
            "name_latin": "Sepideh Gholian",
            "cases-0-arrested_on": "1399/13/10",
            "events-0-kind": EventKind.ARREST,
            "events-0-occurred_on": "last autumn",
        },
    )
    assert status == 200
    assert str(DATE_NO_SUCH_MONTH) % {"month": 13} in html
    assert str(DATE_UNREADABLE) in html
    assert 'value="1399/13/10"' in html
    assert 'value="last autumn"' in html
    assert not Person.objects.exists()


def test_it_shows_a_date_entered_elsewhere_in_a_form_that_reads_back(client: Client) -> None:
    signed_in(client)
    person = make_person(name_latin="Reza Khandan")
    make_case(person, arrested_on=datetime.date(2020, 10, 31), arrested_on_text="")
    data = page_form(client, f"{PEOPLE}{person.pk}/change/")
    assert data["cases-0-arrested_on"] == ["2020-10-31"]
    assert data["slug"] == [person.slug]
    response = client.post(f"{PEOPLE}{person.pk}/change/", data)
    assert response.status_code == 302
    assert Case.objects.get().arrested_on == datetime.date(2020, 10, 31)


def test_it_links_a_case_to_its_own_page_with_the_sentences(client: Client) -> None:
    signed_in(client)
    person = make_person()
    case = make_case(person, arrested_on=datetime.date(2019, 1, 1))
    html = client.get(f"{PEOPLE}{person.pk}/change/").content.decode()
    assert f"/staff/prisoners/case/{case.pk}/change/" in html
    case_page = client.get(f"/staff/prisoners/case/{case.pk}/change/").content.decode()
    assert 'name="sentences-TOTAL_FORMS"' in case_page


def test_it_adds_a_sentence_on_the_case_page_with_its_source(client: Client) -> None:
    signed_in(client)
    case = make_case(make_person(), arrested_on=datetime.date(2019, 1, 1))
    source = make_source()
    url = f"/staff/prisoners/case/{case.pk}/change/"
    data = fill(
        page_form(client, url, "case_form"),
        {
            "sentences-0-kind": "prison",
            "sentences-0-imposed": "396",
            "sentences-0-enforceable": "144",
            "sentences-0-sources": str(source.pk),
        },
    )
    assert client.post(url, data).status_code == 302
    sentence = case.sentences.get()
    assert (sentence.imposed, sentence.enforceable) == (396, 144)
    assert list(sentence.sources.all()) == [source]


def test_it_offers_only_the_persons_own_cases_for_an_event(client: Client) -> None:
    signed_in(client)
    person, other = make_person(), make_person()
    own = make_case(person, arrested_on=datetime.date(2019, 1, 1))
    theirs = make_case(other, arrested_on=datetime.date(2018, 1, 1))
    html = client.get(f"{PEOPLE}{person.pk}/change/").content.decode()
    assert f'<option value="{own.pk}"' in html
    assert f'<option value="{theirs.pk}"' not in html
    assert not Event.objects.exists()


def test_it_groups_the_private_fields_under_a_heading_that_says_so(client: Client) -> None:
    signed_in(client)
    html = client.get(f"{PEOPLE}add/").content.decode()
    heading = html.index("Private: never published")
    assert heading < html.index('name="family_contacts"') < html.index('name="researcher_notes"')
    assert str(SLUG_HELP) in html


def test_it_lists_people_with_their_states_and_finds_them_in_either_script(client: Client) -> None:
    signed_in(client)
    make_person(name_latin="Nasrin Sotoudeh", name_fa="نسرین ستوده")
    make_person(name_latin="Narges Mohammadi", name_fa="نرگس محمدی", publication="draft")
    listing = client.get(PEOPLE).content.decode()
    for heading in ("Name in Latin script", "Custody status", "Verification", "Publication"):
        assert heading in listing
    for query in ("ستوده", "Sotudeh", "نسرين"):  # Persian, a variant, an Arabic-keyboard yeh
        found = client.get(PEOPLE, {"q": query}).content.decode()
        assert "Nasrin Sotoudeh" in found
        assert "Narges Mohammadi" not in found
    drafts = client.get(PEOPLE, {"publication__exact": "draft"}).content.decode()
    assert "Narges Mohammadi" in drafts and "Nasrin Sotoudeh" not in drafts


def test_it_lists_the_best_match_first(client: Client) -> None:
    signed_in(client)
    make_person(name_latin="Aida Ahmadi", summary_en="Cellmate of Nasrin Sotoudeh in Qarchak.")
    make_person(name_latin="Nasrin Sotoudeh", name_fa="نسرین ستوده")
    found = client.get(PEOPLE, {"q": "Sotoudeh"}).content.decode()
    assert found.index("Nasrin Sotoudeh") < found.index("Aida Ahmadi")
    by_name = client.get(PEOPLE, {"q": "Sotoudeh", "o": "1"}).content.decode()
    assert by_name.index("Aida Ahmadi") < by_name.index("Nasrin Sotoudeh")


def test_it_reindexes_a_person_whose_names_change(client: Client) -> None:
    signed_in(client)
    person = make_person(name_latin="Person Before", name_fa="نام قبلی")
    data = fill(
        page_form(client, f"{PEOPLE}{person.pk}/change/"),
        {
            "other_names-0-name": "Keyvan Samimi",
        },
    )
    assert client.post(f"{PEOPLE}{person.pk}/change/", data).status_code == 302
    assert "Person Before" in client.get(PEOPLE, {"q": "Samimi"}).content.decode()

"""/prisoners/: the cards of published people, their filters with counts, search and pages."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from freethem.prisoners import filters
from freethem.prisoners.tests.factories import (
    make_case,
    make_category,
    make_person,
    make_prison,
)
from freethem.prisoners.vocab import CustodyStatus, PhotoVisibility, Province, Publication, Sex

pytestmark = pytest.mark.django_db

URL = "/prisoners/"


def names(html: str) -> list[str]:
    """The names on the cards, in order."""
    return re.findall(r'<h3 class="name"><a href="[^"]+" [^>]*>([^<]+)</a>', html)


def option_count(html: str, key: str, value: str) -> int | None:
    """The count shown beside one filter value, or None when the value is not offered."""
    pattern = (
        rf'name="{key}" value="{re.escape(value)}"[^>]*>\s*<label[^>]*>.*?'
        r'<span class="visually-hidden">[^<]*</span>\s*([0-9۰-۹]+)</span>'
    )
    found = re.search(pattern, html, re.S)
    return int(found.group(1)) if found else None


def get(client: Client, query: str = "", path: str = URL) -> str:
    response = client.get(f"{path}?{query}")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def people() -> dict[str, object]:
    evin = make_prison(slug="evin", name_en="Evin Prison", province=Province.TEHRAN)
    sepidar = make_prison(slug="sepidar", name_en="Sepidar Prison", province=Province.KHUZESTAN)
    lawyer = make_category(slug="lawyer", name_en="Lawyer")
    labour = make_category(slug="labour", name_en="Labour activist")
    ana = make_person(
        name_latin="Ana Example",
        sex=Sex.FEMALE,
        current_prison=evin,
        custody_status=CustodyStatus.SERVING,
        categories=[lawyer],
    )
    bahram = make_person(
        name_latin="Bahram Example",
        sex=Sex.MALE,
        current_prison=sepidar,
        custody_status=CustodyStatus.PRE_TRIAL,
        categories=[labour],
    )
    cyrus = make_person(
        name_latin="Cyrus Example",
        sex=Sex.MALE,
        current_prison=evin,
        custody_status=CustodyStatus.SERVING,
        categories=[labour, lawyer],
    )
    make_case(ana, arrested_on=datetime.date(2020, 10, 5))
    make_case(bahram, arrested_on=datetime.date(2021, 8, 1))
    make_case(cyrus, arrested_on=datetime.date(2021, 3, 1))
    make_case(cyrus, arrested_on=datetime.date(2021, 9, 1))  # two arrests, one year
    return {"ana": ana, "bahram": bahram, "cyrus": cyrus}


def test_it_lists_only_published_people(client: Client, people: dict) -> None:
    make_person(name_latin="Draft Person", publication=Publication.DRAFT)
    make_person(name_latin="Review Person", publication=Publication.REVIEW)
    html = get(client)
    assert names(html) == ["Ana Example", "Bahram Example", "Cyrus Example"]
    assert "Draft Person" not in html
    assert "Review Person" not in html
    assert "3 people" in html


def test_it_shows_each_card_with_both_scripts_status_prison_days_and_categories(
    client: Client,
) -> None:
    evin = make_prison(name_en="Evin Prison", name_fa="زندان اوین")
    journalist = make_category(name_en="Journalist", name_fa="روزنامه‌نگار")
    person = make_person(
        name_latin="Narges Mohammadi",
        name_fa="نرگس محمدی",
        current_prison=evin,
        custody_status=CustodyStatus.SERVING,
        categories=[journalist],
    )
    make_case(person, arrested_on=timezone.localdate() - datetime.timedelta(days=1234))

    english = get(client)
    assert '<a href="/prisoners/' in english
    assert 'lang="en" dir="ltr">Narges Mohammadi</a>' in english
    assert '<p class="other-script"><span lang="fa" dir="rtl">نرگس محمدی</span></p>' in english
    assert "serving a sentence" in english
    assert "Evin Prison" in english
    assert "1234 days" in english
    assert '<li><bdi lang="en" dir="ltr">Journalist</bdi></li>' in english

    persian = get(client, path="/fa" + URL)
    assert 'lang="fa" dir="rtl">نرگس محمدی</a>' in persian
    assert (
        '<p class="other-script"><span lang="en" dir="ltr">Narges Mohammadi</span></p>' in persian
    )
    assert "زندان اوین" in persian
    assert "۱۲۳۴" in persian
    assert '<li><bdi lang="fa" dir="rtl">روزنامه‌نگار</bdi></li>' in persian


def test_it_draws_a_placeholder_instead_of_a_staff_only_photo(client: Client) -> None:
    make_person(photo="prisoners/a.jpg", photo_visibility=PhotoVisibility.STAFF)
    make_person(photo="prisoners/b.jpg", photo_visibility=PhotoVisibility.PUBLIC, slug="bee")
    html = get(client)
    assert html.count('class="photo placeholder"') == 1
    assert re.search(r'<img class="photo" src="/prisoners/bee/photo\?v=\w+"', html)
    assert "prisoners/a.jpg" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=pre-trial", ["Bahram Example"]),
        ("category=lawyer", ["Ana Example", "Cyrus Example"]),
        ("prison=sepidar", ["Bahram Example"]),
        ("province=tehran", ["Ana Example", "Cyrus Example"]),
        ("sex=female", ["Ana Example"]),
        ("year=2021", ["Bahram Example", "Cyrus Example"]),
        ("status=pre-trial&status=serving&sex=male", ["Bahram Example", "Cyrus Example"]),
        ("category=lawyer&year=2021", ["Cyrus Example"]),
        ("category=labour&category=lawyer", ["Ana Example", "Bahram Example", "Cyrus Example"]),
        ("province=tehran&sex=male&year=2021&category=labour", ["Cyrus Example"]),
        ("status=released", []),
    ],
)
def test_it_narrows_the_list_by_each_filter_and_their_combinations(
    client: Client, people: dict, query: str, expected: list[str]
) -> None:
    html = get(client, query)
    assert names(html) == expected
    assert "not recognised" not in html


def test_it_counts_each_filter_value_under_the_other_filters(client: Client, people: dict) -> None:
    html = get(client)
    assert option_count(html, "status", "serving") == 2
    assert option_count(html, "status", "pre-trial") == 1
    assert option_count(html, "category", "lawyer") == 2
    assert option_count(html, "year", "2021") == 2  # Cyrus's two 2021 arrests count once
    assert option_count(html, "year", "2020") == 1
    assert option_count(html, "status", "executed") is None  # finds no one: not offered

    html = get(client, "sex=male")
    # Other filters' counts follow the choice...
    assert option_count(html, "status", "serving") == 1
    assert option_count(html, "category", "lawyer") == 1
    assert option_count(html, "year", "2020") is None
    assert option_count(html, "province", "khuzestan") == 1
    # ...while the chosen filter's own values still count as if it were not chosen.
    assert option_count(html, "sex", "female") == 1
    assert option_count(html, "sex", "male") == 2


def test_it_keeps_a_chosen_value_offered_and_checked_when_it_finds_no_one(
    client: Client, people: dict
) -> None:
    html = get(client, "status=executed&sex=female")
    assert option_count(html, "status", "executed") == 0
    assert re.search(r'name="status" value="executed" id="[\w-]+" checked', html)
    assert "0 people" in html
    assert "No published record matches these filters." in html


def test_it_counts_in_persian_digits_on_persian_pages(client: Client, people: dict) -> None:
    html = get(client, path="/fa" + URL)
    assert option_count(html, "status", "serving") == 2
    assert re.search(r"</span> ۲</span>", html)
    assert re.search(
        r'name="year" value="2021"[^>]*>\s*<label[^>]*><span class="option-label">۲۰۲۱', html
    )


@pytest.mark.parametrize(
    "query",
    [
        "status=jailed",
        "category=no-such-category",
        "prison=nowhere",
        "province=atlantis",
        "sex=x",
        "status=serving&status=<script>",
    ],
)
def test_it_ignores_bad_filter_values_with_a_notice(
    client: Client, people: dict, query: str
) -> None:
    html = get(client, query)
    assert str(filters.IGNORED_VALUES) in html
    assert "<script>" not in html.split("<main")[1]
    assert names(html)  # the good filters (or none) still give a list


def test_it_gives_the_notice_in_persian_too(client: Client, people: dict) -> None:
    response = client.get("/fa" + URL + "?status=jailed")
    assert response.status_code == 200
    assert 'role="status"' in response.content.decode()


def test_it_says_nothing_about_good_filters(client: Client, people: dict) -> None:
    html = get(client, "status=serving&year=2021")
    assert str(filters.IGNORED_VALUES) not in html
    assert str(filters.PAGE_NOT_FOUND) not in html


def test_it_pages_the_list_and_keeps_the_filters_in_page_links(client: Client) -> None:
    lawyer = make_category(slug="lawyer")
    for n in range(30):
        make_person(name_latin=f"Lawyer {n:02}", categories=[lawyer])
    make_person(name_latin="Not a lawyer")
    first = get(client, "category=lawyer&status=bogus")
    assert len(names(first)) == 24
    assert "30 people" in first
    assert 'href="?category=lawyer&amp;page=2" rel="next"' in first  # the bad value is dropped

    second = get(client, "category=lawyer&page=2")
    assert names(second) == [f"Lawyer {n:02}" for n in range(24, 30)]
    assert 'href="?category=lawyer&amp;page=1" rel="prev"' in second
    assert '<span aria-current="page">2</span>' in second


@pytest.mark.parametrize(("page", "shown"), [("99", "2"), ("0", "1"), ("two", "1"), ("-1", "1")])
def test_it_shows_the_nearest_page_with_a_notice_for_a_page_that_does_not_exist(
    client: Client, page: str, shown: str
) -> None:
    for n in range(30):
        make_person(name_latin=f"Person {n:02}")
    html = get(client, f"page={page}")
    assert str(filters.PAGE_NOT_FOUND) in html
    assert f'<span aria-current="page">{shown}</span>' in html


def test_it_finds_a_person_by_another_spelling(client: Client) -> None:
    make_person(name_latin="Nasrin Sotoudeh", name_fa="نسرین ستوده")
    make_person(name_latin="Someone Else")
    assert names(get(client, "q=Sotudeh")) == ["Nasrin Sotoudeh"]
    assert names(get(client, "q=ستوده")) == ["Nasrin Sotoudeh"]
    html = get(client, "q=Sotudeh")
    assert 'name="q" value="Sotudeh"' in html


def test_it_searches_within_the_filters_and_counts_only_the_matches(client: Client) -> None:
    lawyer = make_category(slug="lawyer")
    make_person(name_latin="Nasrin Sotoudeh", categories=[lawyer], sex=Sex.FEMALE)
    make_person(name_latin="Reza Sotoudeh", sex=Sex.MALE)
    make_person(name_latin="Someone Else", categories=[lawyer], sex=Sex.FEMALE)
    html = get(client, "q=Sotoudeh&category=lawyer")
    assert names(html) == ["Nasrin Sotoudeh"]
    assert option_count(html, "category", "lawyer") == 1
    assert option_count(html, "sex", "male") is None  # Reza is not a lawyer
    assert 'href="/prisoners/"' in html  # clear all filters


def test_it_needs_a_fixed_number_of_queries_however_many_people_are_listed(
    client: Client, django_assert_max_num_queries: object
) -> None:
    prison = make_prison()
    categories = [make_category(), make_category()]
    for n in range(30):
        person = make_person(current_prison=prison, categories=categories)
        make_case(person, arrested_on=datetime.date(2020, 1 + n % 12, 1))
    # A running site has read what every page shows (the demo banner's check, one query per
    # app) within the last half minute; counted here is what this page asks for.
    client.get("/privacy/")
    with django_assert_max_num_queries(14):  # type: ignore[operator]
        html = get(client, "category=" + categories[0].slug + "&year=2020")
    assert len(names(html)) == 24

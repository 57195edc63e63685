"""Search as visitors type it: each transliteration and typing habit finds the person first,
and alone on the first page when nobody else has that name. The people here are made up for
these tests (none is in the demo data), with neighbours whose names are near theirs."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from freethem.core.dates import Calendar, Precision
from freethem.core.memo import clear_all
from freethem.prisoners import filters
from freethem.prisoners.models import Person
from freethem.prisoners.search import EXACT_NAME, SPELLED
from freethem.prisoners.tests.factories import (
    make_case,
    make_category,
    make_person,
    make_prison,
)
from freethem.prisoners.tests.test_pages_list import names, option_count

pytestmark = pytest.mark.django_db

ZWNJ = "\u200c"

# (Latin, Persian) names of the people made for every test: pairs that share a given name,
# the first letters of a family name, or one part of a compound name.
CROWD = [
    ("Mahsa Ghasemzadeh", f"مهسا قاسم{ZWNJ}زاده"),
    ("Mahsa Ghaderi", "مهسا قادری"),
    ("Taraneh Gholipour", f"ترانه قلی{ZWNJ}پور"),
    ("Taraneh Golzari", "ترانه گلزاری"),
    ("Fatemeh Rostami", "فاطمه رستمی"),
    ("Fariba Rostamkhani", "فریبا رستم‌خانی"),
    ("Kourosh Fathi", "کوروش فتحی"),
    ("Kourosh Fakhari", "کوروش فخاری"),
    ("Ali Kazemzadeh", f"علی کاظم{ZWNJ}زاده"),
    ("Alireza Kazemi", "علیرضا کاظمی"),
    ("Mahdi Yarahmadi", "مهدی یاراحمدی"),
    ("Mohammadreza Hashemnejad", f"محمدرضا هاشم{ZWNJ}نژاد"),
    ("Mohammad Hashemi", "محمد هاشمی"),
    ("Abdol-Hamid Zarghami", "عبدالحمید ضرغامی"),
    ("Abdollah Zarei", "عبدالله زارعی"),
    ("Amir Hossein Tavakkoli", "امیرحسین توکلی"),
    ("Amir Tavakkoli", "امیر توکلی"),
    ("Alireza Khodabandeh", f"علی{ZWNJ}رضا خدابنده"),
    ("Ali Khodadadi", "علی خدادادی"),
]


@pytest.fixture
def crowd() -> dict[str, Person]:
    return {
        latin: make_person(name_latin=latin, name_fa=persian, slug=f"habit-{number}")
        for number, (latin, persian) in enumerate(CROWD)
    }


def first_page(client: Client, query: str, language: str = "") -> list[str]:
    """The names on the list page's first page of results for ?q=query."""
    response = client.get(f"{language}/prisoners/?{urlencode({'q': query})}")
    assert response.status_code == 200
    return names(response.content.decode())


HABITS = [
    # gh, q and g for one Persian letter (ق or غ), in either name
    ("Mahsa Qasemzadeh", "Mahsa Ghasemzadeh"),
    ("Mahsa Gasemzadeh", "Mahsa Ghasemzadeh"),
    ("Taraneh Golipour", "Taraneh Gholipour"),
    ("Taraneh Qolipour", "Taraneh Gholipour"),
    ("Gholipour", "Taraneh Gholipour"),
    ("Golipur", "Taraneh Gholipour"),
    ("Abdolhamid Zargami", "Abdol-Hamid Zarghami"),
    # th for t, and th for ت + ح
    ("Fathemeh Rostami", "Fatemeh Rostami"),
    ("Fatemeh Rosthami", "Fatemeh Rostami"),
    ("Kourosh Fathi", "Kourosh Fathi"),
    ("Kurosh Fatthi", "Kourosh Fathi"),
    # a final y for i
    ("Aly Kazemzadeh", "Ali Kazemzadeh"),
    ("Mahdy Yarahmadi", "Mahdi Yarahmadi"),
    ("Kourosh Fathy", "Kourosh Fathi"),
    # vowels as people hear them: ou / u / oo, e / a, ee / i
    ("Taraneh Gholipoor", "Taraneh Gholipour"),
    ("Mahsa Ghasemzade", "Mahsa Ghasemzadeh"),
    ("Fatima Rustami", "Fatemeh Rostami"),
    ("Mahdi Yaarahmadee", "Mahdi Yarahmadi"),
    # a compound given name joined, split or hyphenated, whichever way it is stored
    ("Mohammad Reza Hashemnejad", "Mohammadreza Hashemnejad"),
    ("Mohammad-Reza Hashemnejad", "Mohammadreza Hashemnejad"),
    ("Mohammadreza Hashem-Nejad", "Mohammadreza Hashemnejad"),
    ("Mohamad Reza Hashem Nejad", "Mohammadreza Hashemnejad"),
    ("Abdolhamid Zarghami", "Abdol-Hamid Zarghami"),
    ("Abdol Hamid Zarghami", "Abdol-Hamid Zarghami"),
    ("Abd-ol-Hamid Zarghami", "Abdol-Hamid Zarghami"),
    ("Abdul Hamid", "Abdol-Hamid Zarghami"),
    ("Amirhossein Tavakkoli", "Amir Hossein Tavakkoli"),
    ("Amir-Hossein Tavakoli", "Amir Hossein Tavakkoli"),
    # Persian: a space, nothing or a hyphen where the name has a zero-width non-joiner, and
    # a space or a non-joiner where it has none
    ("محمد رضا هاشم نژاد", "Mohammadreza Hashemnejad"),
    ("محمدرضا هاشمنژاد", "Mohammadreza Hashemnejad"),
    (f"محمد{ZWNJ}رضا هاشم{ZWNJ}نژاد", "Mohammadreza Hashemnejad"),
    ("عبد الحمید ضرغامی", "Abdol-Hamid Zarghami"),
    ("امیر حسین توکلی", "Amir Hossein Tavakkoli"),
    ("علی رضا خدابنده", "Alireza Khodabandeh"),
    ("علیرضا خدابنده", "Alireza Khodabandeh"),
    ("مهسا قاسم زاده", "Mahsa Ghasemzadeh"),
    ("مهسا قاسم-زاده", "Mahsa Ghasemzadeh"),
    ("ترانه قلیپور", "Taraneh Gholipour"),
    # Arabic letter forms and Persian names in Latin, Latin names in Persian
    ("علي رضا خدابنده", "Alireza Khodabandeh"),
    ("علی كاظم زاده", "Ali Kazemzadeh"),
    ("Kazemzadeh", "Ali Kazemzadeh"),
    ("کاظم‌زاده", "Ali Kazemzadeh"),
]


@pytest.mark.parametrize(("query", "person"), HABITS, ids=[query for query, _ in HABITS])
def test_each_habit_finds_the_person_alone(
    client: Client, crowd: dict[str, Person], query: str, person: str
) -> None:
    assert first_page(client, query) == [person]


@pytest.mark.parametrize(
    ("query", "person"),
    [
        ("Sepideh Golian", "سپیده قلیان"),  # the campaign's own article writes it so
        ("سپیده غلیان", "سپیده قلیان"),
        ("Mohammad Reza Hashemnejad", f"محمدرضا هاشم{ZWNJ}نژاد"),
        ("محمد رضا هاشم نژاد", f"محمدرضا هاشم{ZWNJ}نژاد"),
    ],
)
def test_each_habit_finds_the_person_alone_on_persian_pages(
    client: Client, crowd: dict[str, Person], query: str, person: str
) -> None:
    make_person(name_latin="Sepideh Gholian", name_fa="سپیده قلیان", slug="gholian")
    make_person(name_latin="Sepideh Golnari", name_fa="سپیده گلناری", slug="golnari")
    assert first_page(client, query, language="/fa") == [person]


@pytest.mark.parametrize(
    ("query", "order"),
    [
        # the spelling typed comes before other spellings of the same sounds
        ("Qasemi", ["Reza Qasemi", "Ali Ghasemi", "Zahra Gasemi"]),
        ("Ghasemi", ["Ali Ghasemi", "Reza Qasemi", "Zahra Gasemi"]),
        ("Gasemi", ["Zahra Gasemi", "Ali Ghasemi", "Reza Qasemi"]),
        # and the whole name as typed before the same name joined or split another way
        ("Mohammadreza Karimi", ["Mohammadreza Karimi", "Mohammad Reza Karimi"]),
        ("Mohammad Reza Karimi", ["Mohammad Reza Karimi", "Mohammadreza Karimi"]),
        ("Mohammad-Reza Karimi", ["Mohammad Reza Karimi", "Mohammadreza Karimi"]),
        ("Amir Tavakkoli", ["Amir Tavakkoli", "Amir Hossein Tavakkoli"]),
    ],
)
def test_the_closest_spelling_comes_first(client: Client, query: str, order: list[str]) -> None:
    for latin, persian in [
        ("Ali Ghasemi", "علی قاسمی"),
        ("Reza Qasemi", "رضا قاسمی"),
        ("Zahra Gasemi", "زهرا قاسمی"),
        ("Mohammad Reza Karimi", "محمد رضا کریمی"),
        ("Mohammadreza Karimi", "محمدرضا کریمی"),
        ("Amir Hossein Tavakkoli", "امیرحسین توکلی"),
        ("Amir Tavakkoli", "امیر توکلی"),
    ]:
        make_person(name_latin=latin, name_fa=persian)
    assert first_page(client, query) == order


def test_the_exact_name_comes_before_a_longer_compound(crowd: dict[str, Person]) -> None:
    results = list(Person.objects.search("Amir Tavakkoli"))
    assert [(p.name_latin, p.rank) for p in results] == [
        ("Amir Tavakkoli", EXACT_NAME),
        ("Amir Hossein Tavakkoli", SPELLED),
    ]


@pytest.mark.parametrize(
    "query",
    [
        "Abdol Hamid Zarghami",  # a space for a hyphen
        "abdol-hamid  ZARGHAMI",
        "عبدالحمید ضرغامي",  # an Arabic yeh
        "علیرضا خدابنده",  # nothing for a zero-width non-joiner
        f"علی{ZWNJ}رضا خدابنده",
    ],
)
def test_a_name_typed_with_other_separators_is_still_the_exact_name(
    crowd: dict[str, Person], query: str
) -> None:
    assert Person.objects.search(query)[0].rank == EXACT_NAME


def test_a_near_name_is_not_found(crowd: dict[str, Person]) -> None:
    for query in ("Mahsa Qaderzadeh", "Amir Hossein Tavana", "Abdol Karim Zarghami"):
        assert not Person.objects.search(query).exists(), query


# Years -------------------------------------------------------------------------------------


@pytest.fixture
def arrests() -> None:
    """Arrests around Solar Hijri 1397 (21 March 2018 to 20 March 2019)."""

    def arrested(name: str, on: datetime.date, precision: str, calendar: str) -> None:
        person = make_person(name_latin=name, name_fa=name, slug=name.lower().replace(" ", "-"))
        make_case(person, arrested_on=on, precision=precision, arrested_on_calendar=calendar)

    day, month, year = Precision.DAY, Precision.MONTH, Precision.YEAR
    gregorian, jalali = Calendar.GREGORIAN, Calendar.JALALI
    arrested("Spring Day", datetime.date(2018, 6, 1), day, gregorian)
    arrested("Last Day", datetime.date(2019, 3, 20), day, gregorian)
    arrested("Jalali Year", datetime.date(2018, 3, 21), year, jalali)  # 1397
    arrested("Esfand Month", datetime.date(2019, 2, 20), month, jalali)  # Esfand 1397
    arrested("Gregorian Year", datetime.date(2018, 1, 1), year, gregorian)  # 2018: 1396 or 1397
    arrested("March Month", datetime.date(2019, 3, 1), month, gregorian)  # 1397 or 1398
    arrested("Day Before", datetime.date(2018, 3, 20), day, gregorian)  # the last day of 1396
    arrested("Next Jalali Year", datetime.date(2019, 3, 21), year, jalali)  # 1398
    arrested("April Month", datetime.date(2019, 4, 1), month, gregorian)  # in 1398
    make_person(name_latin="Never Arrested", name_fa="Never Arrested", slug="never")


IN_1397 = [
    "Esfand Month",
    "Gregorian Year",
    "Jalali Year",
    "Last Day",
    "March Month",
    "Spring Day",
]
IN_2018 = ["Day Before", "Gregorian Year", "Jalali Year", "Spring Day"]


@pytest.mark.parametrize("year", ["1397", "۱۳۹۷", "١٣٩٧", "سال ۱۳۹۷"])
def test_a_solar_hijri_year_in_the_box_finds_the_arrests_of_that_year(
    client: Client, arrests: None, year: str
) -> None:
    assert first_page(client, year) == IN_1397
    assert first_page(client, year, language="/fa") == IN_1397  # name_fa is the same here


def test_a_gregorian_year_in_the_box_finds_the_arrests_of_that_year(
    client: Client, arrests: None
) -> None:
    assert first_page(client, "2018") == IN_2018


def test_a_year_and_a_name_narrow_each_other(client: Client, arrests: None) -> None:
    assert first_page(client, "Month 1397") == ["Esfand Month", "March Month"]
    assert first_page(client, "۱۳۹۸ month") == ["April Month", "March Month"]


def test_a_year_named_in_a_summary_is_found_too(client: Client) -> None:
    make_person(name_latin="Summary Only", summary_fa="بازداشت در سال ۱۳۹۷")
    make_person(name_latin="Another Year", summary_fa="بازداشت در سال ۱۳۹۸")
    assert first_page(client, "1397") == ["Summary Only"]


@pytest.mark.parametrize("year", ["1397", "۱۳۹۷", "١٣٩٧", " 1397 "])
def test_a_solar_hijri_year_filters_the_list(client: Client, arrests: None, year: str) -> None:
    for language in ("", "/fa"):
        response = client.get(f"{language}/prisoners/", {"year": year})
        html = response.content.decode()
        assert names(html) == IN_1397
        assert option_count(html, "year", "1397") == len(IN_1397)
        assert 'name="year" value="1397" id="filter-year-' in html
        assert str(filters.IGNORED_VALUES) not in html
        assert "year-notice" not in html
    assert "۱۳۹۷ (هجری شمسی)" in html or "۱۳۹۷ (Solar Hijri)" in html


def test_a_gregorian_year_filters_the_list_as_before(client: Client, arrests: None) -> None:
    html = client.get("/prisoners/", {"year": ["2018", "۱۳۹۸"]}).content.decode()
    # Values of one filter are alternatives: 2018, or 1398.
    assert names(html) == sorted({*IN_2018, "April Month", "March Month", "Next Jalali Year"})
    assert option_count(html, "year", "2018") == len(IN_2018)
    assert option_count(html, "year", "1398") == 3


def test_a_year_in_the_box_and_the_filter_narrow_each_other(client: Client, arrests: None) -> None:
    html = client.get("/prisoners/", {"q": "1397", "year": "2018"}).content.decode()
    assert names(html) == ["Gregorian Year", "Jalali Year", "Spring Day"]


@pytest.mark.parametrize("value", ["last", "٢٠٢١x", "97", "1000", "13977", "<b>1397</b>"])
def test_a_value_that_is_not_a_year_is_named_in_a_notice(
    client: Client, arrests: None, value: str
) -> None:
    html = client.get("/prisoners/", {"year": value, "status": "serving"}).content.decode()
    notice = html.split('class="year-notice">')[1].split("</p>")[0]
    assert f"<bdi>{escape(value)}</bdi> is not a year of arrest" in notice
    assert "such as 2018, or 1397 in the Solar Hijri calendar" in notice
    assert "<b>" not in html.split("<main")[1]
    assert len(names(html)) == 10  # status=serving still applies, the value is dropped


def test_the_notice_names_each_value_that_is_not_a_year(client: Client) -> None:
    html = client.get("/prisoners/", {"year": ["x", "2018", "y", "z", "w"]}).content.decode()
    assert "<bdi>x</bdi>, <bdi>y</bdi>, <bdi>z</bdi>, <bdi>…</bdi> are not years" in html


def test_the_year_notice_is_in_persian_on_persian_pages(client: Client, arrests: None) -> None:
    html = client.get("/fa/prisoners/", {"year": "سال"}).content.decode()
    notice = html.split('class="year-notice">')[1].split("</p>")[0]
    assert "<bdi>سال</bdi>" in notice
    assert "۲۰۱۸" in notice
    assert "۱۳۹۷" in notice


def test_a_chosen_solar_hijri_year_is_offered_beside_the_gregorian_ones(
    client: Client, arrests: None
) -> None:
    html = client.get("/prisoners/", {"year": "1397"}).content.decode()
    offered = re.findall(r'name="year" value="(\d+)"', html)
    assert offered == ["2019", "1397", "2018"]


def test_a_search_with_a_year_needs_a_fixed_number_of_queries(client: Client) -> None:
    """As many queries for 40 matching people as for 10: none per person on the page."""
    prison, category = make_prison(), make_category()

    def add_people(start: int, stop: int) -> None:
        for number in range(start, stop):
            person = make_person(
                name_latin=f"Sepideh Gholian{'i' * (number % 3)}",
                name_fa="سپیده قلیان",
                current_prison=prison,
                categories=[category],
            )
            make_case(person, arrested_on=datetime.date(2018, 4 + number % 9, 1))

    def search() -> tuple[int, int]:
        cache.clear()  # each view reads what the site keeps for a while (the demo banner's check)
        clear_all()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/prisoners/", {"q": "Sepideh Golian ۱۳۹۷", "year": "1397"})
        return len(queries), len(names(response.content.decode()))

    add_people(0, 10)
    few, shown = search()
    assert shown == 10
    add_people(10, 40)
    many, shown = search()
    assert shown == 24  # a full first page
    assert many == few

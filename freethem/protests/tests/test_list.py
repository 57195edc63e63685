"""/protests/: published records, filtered by month, scope, province, group, type and wave,
in pages; bad values give a notice, never an error page."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from freethem.protests import filters
from freethem.protests.tests.factories import make_protest
from freethem.protests.tests.test_stats import results
from freethem.protests.vocab import Province, State, SubEventType

pytestmark = pytest.mark.django_db

URL = "/protests/"


def listed(html: str) -> list[str]:
    """The record ids the page links to, in order."""
    return re.findall(r'<h3 class="where"><a href="/(?:fa/)?protests/([A-Z0-9]+)/"', html)


def get(client: Client, query: str = "", prefix: str = "") -> str:
    response = client.get(f"{prefix}{URL}?{query}")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def records() -> dict[str, str]:
    made = {
        "tehran": make_protest(groups=("retirees",), date=datetime.date(2026, 10, 5)),
        "ahvaz": make_protest(
            groups=("workers",),
            date=datetime.date(2026, 10, 20),
            province=Province.KHUZESTAN,
            location="Ahvaz",
            sub_event_type=SubEventType.INTERVENTION,
        ),
        "shiraz": make_protest(
            groups=("teachers", "women"),
            date=datetime.date(2026, 9, 30),
            province=Province.FARS,
            location="Shiraz",
        ),
        "berlin": make_protest(
            date=datetime.date(2026, 10, 10),
            country="DE",
            province="",
            admin1="Berlin",
            location="Berlin",
            latitude="52.52000",
            longitude="13.40500",
        ),
    }
    make_protest(state=State.DRAFT, location="Draftville", date=datetime.date(2026, 10, 6))
    make_protest(state=State.REVIEW, location="Reviewtown", date=datetime.date(2026, 10, 7))
    return {key: protest.event_id for key, protest in made.items()}


def test_it_lists_published_records_latest_first(client: Client, records: dict[str, str]) -> None:
    html = get(client)
    assert listed(html) == [records[k] for k in ("ahvaz", "berlin", "tehran", "shiraz")]
    assert "Draftville" not in html and "Reviewtown" not in html
    assert "4 protests" in html


def test_it_lists_a_merged_record_as_the_one_that_absorbed_it(
    client: Client, records: dict[str, str]
) -> None:
    absorbing = make_protest(location="Karaj", province=Province.ALBORZ)
    make_protest(
        location="Karaj", province=Province.ALBORZ, merged_into=absorbing, state=State.ARCHIVED
    )
    html = get(client, "province=IR-30")
    assert listed(html) == [absorbing.event_id]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("month=2026-10", ["ahvaz", "berlin", "tehran"]),
        ("month=2026-09", ["shiraz"]),
        ("scope=abroad", ["berlin"]),
        ("scope=inside&month=2026-10", ["ahvaz", "tehran"]),
        ("province=IR-07", ["shiraz"]),
        ("group=women", ["shiraz"]),
        ("group=retirees&month=2026-10", ["tehran"]),
        ("type=intervention", ["ahvaz"]),
        ("type=protests", ["ahvaz", "berlin", "tehran", "shiraz"]),
        ("type=riots", []),
    ],
)
def test_it_filters(
    client: Client, records: dict[str, str], query: str, expected: list[str]
) -> None:
    assert listed(get(client, query)) == [records[key] for key in expected]


def test_it_shows_dates_in_both_calendars_on_persian_pages(
    client: Client, records: dict[str, str]
) -> None:
    html = get(client, "province=IR-07", prefix="/fa")
    # 2026-09-30 is 8 Mehr 1405.
    assert "۸ مهر ۱۴۰۵" in html
    assert "۳۰ سپتامبر ۲۰۲۶" in html
    assert 'dir="rtl"' in html


def test_it_shows_place_who_what_size_and_sources(client: Client) -> None:
    make_protest(
        groups=("nurses",),
        location="Tabriz",
        province=Province.EAST_AZERBAIJAN,
        size_low=200,
        size_high=1500,
        sources=("HRANA", "IranWire"),
    )
    html = get(client)
    assert "Tabriz" in html and "East Azerbaijan" in html
    assert "Nurses" in html and "Peaceful protest" in html
    assert "200–1,500" in html
    assert "2 sources" in html


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("month=October", filters.BAD_MONTH),
        ("month=2026-13", filters.BAD_MONTH),
        ("month=" + "9" * 5000, filters.BAD_MONTH),
        ("province=IR-99", filters.IGNORED_VALUES),
        ("group=%00%ff", filters.IGNORED_VALUES),
        ("type=<script>", filters.IGNORED_VALUES),
        ("scope=mars", filters.IGNORED_VALUES),
        ("page=999999999999999999999", filters.PAGE_NOT_FOUND),
        ("page=-1", filters.PAGE_NOT_FOUND),
        ("page=٢", filters.PAGE_NOT_FOUND),
    ],
)
def test_it_ignores_bad_values_with_a_notice(
    client: Client, records: dict[str, str], query: str, notice: str
) -> None:
    html = get(client, query)
    assert str(notice) in html
    assert len(listed(html)) == 4  # nothing was narrowed by what was not understood
    assert "&lt;script&gt;" not in html  # the bad value is not echoed


def test_it_pages_and_keeps_the_filters_in_page_links(client: Client) -> None:
    for day in range(1, 32):
        make_protest(date=datetime.date(2026, 10, day))
    make_protest(date=datetime.date(2026, 11, 1))
    first = get(client, "month=2026-10")
    assert len(listed(first)) == 30
    assert 'href="?month=2026-10&amp;page=2"' in first
    second = get(client, "month=2026-10&page=2")
    assert len(listed(second)) == 1


def test_it_offers_the_months_that_have_records(client: Client, records: dict[str, str]) -> None:
    html = get(client)
    assert '<option value="2026-10">October 2026</option>' in html
    assert '<option value="2026-09">September 2026</option>' in html


def test_it_runs_as_many_queries_for_a_full_page_as_for_a_few_records(
    client: Client, records: dict[str, str], django_assert_max_num_queries: object
) -> None:
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for day in range(1, 31):
        make_protest(
            groups=("workers", "women"), sources=("A", "B"), date=datetime.date(2026, 8, day)
        )
    with django_assert_max_num_queries(len(few)):  # type: ignore[operator]
        client.get(URL)


def test_it_counts_a_selection_at_most_once_a_minute_and_lists_new_records_at_once(
    client: Client,
) -> None:
    make_protest(groups=("workers",))
    assert results(get(client, "group=workers")) == 1
    new = make_protest(groups=("workers",), location="Ahvaz", province=Province.KHUZESTAN)
    html = get(client, "group=workers")
    assert results(html) == 1  # the total counted a moment ago
    assert new.event_id in listed(html)  # the rows are read afresh
    assert results(get(client, "group=workers&scope=inside")) == 2  # another selection
    cache.clear()  # a minute later
    assert results(get(client, "group=workers")) == 2

"""/prisoners/stats/: counts as tables, and arrests per month as a chart drawn on the server."""

import datetime
import re

import pytest
from django.test import Client

from freethem.core.charts import nice_step
from freethem.core.dates import Precision
from freethem.prisoners.charts import monthly_bars
from freethem.prisoners.tests.factories import make_case, make_category, make_person, make_prison
from freethem.prisoners.vocab import CustodyStatus, Province, Publication

pytestmark = pytest.mark.django_db

URL = "/prisoners/stats/"


def get(client: Client, path: str = URL) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def table_row(html: str, label: str) -> str:
    """The count in the table row headed by a link with this text (isolated or not)."""
    found = re.search(
        rf">{re.escape(label)}(?:</bdi>)?</a></th>(?:<td>[^<]*</td>)*?<td>([^<]+)</td></tr>", html
    )
    assert found, f"no row for {label}"
    return found.group(1)


def svg(html: str) -> str:
    found = re.search(r"<svg .*?</svg>", html, re.S)
    assert found, "no chart"
    return found.group(0)


@pytest.fixture
def records() -> None:
    evin = make_prison(name_en="Evin Prison", province=Province.TEHRAN)
    sepidar = make_prison(name_en="Sepidar Prison", province=Province.KHUZESTAN)
    lawyer = make_category(name_en="Lawyer")
    for _ in range(3):
        person = make_person(
            current_prison=evin, custody_status=CustodyStatus.SERVING, categories=[lawyer]
        )
        make_case(person, arrested_on=datetime.date(2021, 8, 3))
    other = make_person(current_prison=sepidar, custody_status=CustodyStatus.PRE_TRIAL)
    make_case(other, arrested_on=datetime.date(2020, 10, 1), precision=Precision.MONTH)
    make_case(other, arrested_on=datetime.date(2019, 1, 1), precision=Precision.YEAR)
    hidden = make_person(
        publication=Publication.DRAFT,
        current_prison=sepidar,
        custody_status=CustodyStatus.EXECUTED,
        categories=[lawyer],
    )
    make_case(hidden, arrested_on=datetime.date(2018, 5, 5))


def test_it_counts_published_people_by_status_category_prison_and_province(
    client: Client, records: None
) -> None:
    html = get(client)
    assert "The database has 4 published records." in html
    assert table_row(html, "Serving a sentence") == "3"
    assert table_row(html, "In pre-trial detention") == "1"
    assert "Executed" not in html  # only the draft person was executed
    assert table_row(html, "Lawyer") == "3"
    assert table_row(html, "Evin Prison") == "3"
    assert table_row(html, "Sepidar Prison") == "1"
    assert table_row(html, "Tehran") == "3"
    assert table_row(html, "Khuzestan") == "1"
    assert 'href="/prisoners/?status=serving"' in html


def test_it_draws_one_bar_per_month_with_arrests(client: Client, records: None) -> None:
    chart = svg(get(client))
    bars = re.findall(r"<rect [^>]*><title>([^<]*)</title></rect>", chart)
    assert bars == ["October 2020: 1 arrest", "August 2021: 3 arrests"]
    assert 'role="img"' in chart
    assert re.search(r'aria-label="[^"]*October 2020 to August 2021: 4 arrests in all', chart)
    assert "<title>Arrests per month</title>" in chart
    assert "Month of arrest" in chart
    assert "style=" not in chart


def test_it_gives_the_chart_as_a_table_too(client: Client, records: None) -> None:
    html = get(client)
    table = re.search(r'<details class="chart-data">.*?</details>', html, re.S).group(0)
    assert re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', table) == [
        ("October 2020", "1"),
        ("August 2021", "3"),
    ]
    assert "1 arrest is known only by its year and is not shown by month." in html


def test_it_mirrors_the_chart_and_writes_persian_digits_on_persian_pages(
    client: Client, records: None
) -> None:
    english, persian = svg(get(client)), svg(get(client, "/fa" + URL))
    english_x = [float(x) for x in re.findall(r'<rect x="([\d.]+)"', english)]
    persian_x = [float(x) for x in re.findall(r'<rect x="([\d.]+)"', persian)]
    assert english_x[0] < english_x[1]  # time runs left to right...
    assert persian_x[0] > persian_x[1]  # ...and right to left
    labels = re.findall(r'text-anchor="middle">([^<]+)</text>', persian)
    assert "۲۰۲۱" in labels
    assert not [label for label in labels if re.search(r"[0-9]", label)]


def test_it_says_so_when_no_arrest_has_a_month(client: Client) -> None:
    html = get(client)
    assert "<svg" not in html.split("<main")[1]
    assert "No arrest with a known month has been published yet." in html


def test_it_picks_round_steps_for_the_count_axis() -> None:
    assert [nice_step(n) for n in (1, 5, 6, 12, 40, 230)] == [1, 1, 2, 5, 10, 50]
    chart = monthly_bars({datetime.date(2020, 1, 1): 7, datetime.date(2020, 3, 1): 2})
    assert chart is not None
    assert [tick.label for tick in chart.y_ticks] == [0, 2, 4, 6, 8]
    assert len(chart.bars) == 2  # February, with no arrests, has no bar
    assert chart.bars[1].x - chart.bars[0].x == pytest.approx(
        2 * (chart.right - chart.left) / 3, abs=0.01
    )

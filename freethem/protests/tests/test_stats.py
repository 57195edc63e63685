"""/protests/stats/: protests per month (bars), per province (a tile map of the 31 provinces)
and per participant group, with headline figures that link to the list filtered as counted."""

import datetime
import re

import pytest
from django.test import Client

from freethem.protests import tilemap
from freethem.protests.tests.factories import make_protest
from freethem.protests.vocab import Province, State

pytestmark = pytest.mark.django_db

URL = "/protests/stats/"
PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٬", "0123456789,")


def get(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def headlines(html: str) -> list[tuple[str, int]]:
    """Each headline's link and its figure."""
    found = re.findall(r'<li><a href="([^"]+)"><span class="figure">([^<]+)</span>', html)
    return [
        (href.replace("&amp;", "&"), int(n.translate(PERSIAN_DIGITS).replace(",", "")))
        for href, n in found
    ]


def results(html: str) -> int:
    found = re.search(r'<h2 id="results-title">([^ <]+) ', html)
    assert found
    return int(found.group(1).translate(PERSIAN_DIGITS).replace(",", ""))


@pytest.fixture
def records() -> None:
    for day in range(1, 13):
        make_protest(date=datetime.date(2026, 11, day), groups=("workers",))
    for day in range(1, 6):
        make_protest(date=datetime.date(2026, 10, day), province=Province.FARS, location="Shiraz")
    make_protest(date=datetime.date(2026, 11, 30), country="FR", province="", location="Paris")
    make_protest(date=datetime.date(2026, 8, 2), groups=("teachers",), province=Province.QOM)
    make_protest(date=datetime.date(2026, 11, 3), state=State.DRAFT)
    make_protest(date=datetime.date(2026, 11, 4), state=State.REVIEW)
    make_protest(date=datetime.date(2026, 11, 5), state=State.ARCHIVED)


@pytest.mark.parametrize("prefix", ["", "/fa"])
def test_it_the_month_headline_equals_the_records_its_filter_selects(
    client: Client, records: None, prefix: str
) -> None:
    found = headlines(get(client, prefix + URL))
    assert [href for href, _n in found] == [
        f"{prefix}/protests/?month=2026-11",
        f"{prefix}/protests/?month=2026-11&scope=inside",
        f"{prefix}/protests/?month=2026-11&scope=abroad",
        f"{prefix}/protests/?month=2026-10",
    ]
    for href, n in found:
        assert results(get(client, href)) == n
    assert [n for _href, n in found] == [13, 12, 1, 5]


def test_it_says_so_when_nothing_is_published(client: Client) -> None:
    make_protest(state=State.DRAFT)
    html = get(client, URL)
    assert "No protest has been published yet." in html
    assert len(re.findall(r'class="tile( dark)?"', html)) == 31


def test_it_draws_a_bar_per_month_with_records(client: Client, records: None) -> None:
    html = get(client, URL)
    bars = re.findall(r'<a href="/protests/\?month=(\d{4}-\d\d)"><rect', html)
    assert bars == ["2026-08", "2026-10", "2026-11"]  # September is an empty slot, no bar
    assert "Bar chart of protests per month from August 2026 to November 2026: 19" in html


def test_it_draws_the_31_provinces_as_tiles(client: Client, records: None) -> None:
    html = get(client, URL)
    tiles = re.findall(r'<a href="/protests/\?province=(IR-\d\d)" class="tile', html)
    assert sorted(tiles) == sorted(code for code, _label in Province.choices)
    assert "Tehran: 12 protests" in html
    assert "Fars: 5 protests" in html
    assert "Qom: 1 protest<" in html
    assert "Gilan: 0 protests" in html


def test_it_places_tiles_apart_and_roughly_where_provinces_lie() -> None:
    positions = list(tilemap.GRID.values())
    assert len(set(positions)) == len(positions) == 31
    spot = tilemap.GRID
    assert spot[Province.WEST_AZERBAIJAN][0] < spot[Province.TEHRAN][0]  # west of, east of
    assert spot[Province.TEHRAN][0] < spot[Province.RAZAVI_KHORASAN][0]
    assert spot[Province.GILAN][1] < spot[Province.ISFAHAN][1] < spot[Province.HORMOZGAN][1]


def test_it_shades_by_count_with_a_legend() -> None:
    drawn = tilemap.tile_map({Province.TEHRAN: 100, Province.QOM: 1, Province.FARS: 50})
    fills = {tile.code: tile.fill for tile in drawn.tiles}
    assert fills[Province.GILAN] == tilemap.NONE_SHADE
    assert fills[Province.TEHRAN] == tilemap.SHADES[-1]
    assert fills[Province.QOM] == tilemap.SHADES[0]
    assert [key.label for key in drawn.legend] == ["0", "1–20", "21–40", "41–60", "61–80", "81–100"]
    assert tilemap.tile_map({}).legend[0].label == "0"


def test_it_counts_per_group_with_links(client: Client, records: None) -> None:
    html = get(client, URL)
    row = r'href="/protests/\?group=(\w+)">[^<]+</a></th><td>.*?"bar-value">(\d+)<'
    rows = re.findall(row, html)
    assert rows == [("workers", "12"), ("teachers", "1")]  # the most protests first


def test_it_reads_in_persian(client: Client, records: None) -> None:
    html = get(client, "/fa" + URL)
    assert '<html lang="fa" dir="rtl"' in html
    assert "تهران" in html  # the tile's short name
    assert "۱۲" in html


def test_it_runs_a_bounded_number_of_queries(
    client: Client, records: None, django_assert_max_num_queries: object
) -> None:
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        client.get(URL)


def test_it_shares_the_figures_for_a_minute(
    client: Client, records: None, django_assert_max_num_queries: object
) -> None:
    client.get(URL)
    with django_assert_max_num_queries(1):  # type: ignore[operator]
        html = get(client, "/fa" + URL)  # the groups' names; the counts are shared
    lead = re.search(r'<p class="lead">\s*(\S+)', html)
    assert lead and lead.group(1).translate(PERSIAN_DIGITS) == "19"

"""The map of published protests, drawn on the server from the bundled Natural Earth
boundaries: dots at public points only (0.1 degree), sized by count, abroad on a world map;
and the TopoJSON decoded right."""

import re

import pytest
from django.test import Client

from freethem.protests import maps
from freethem.protests.tests.factories import make_protest
from freethem.protests.vocab import Province, State

pytestmark = pytest.mark.django_db

URL = "/protests/map/"


def circles(html: str) -> list[tuple[float, float, float, str]]:
    found = re.findall(
        r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"><title>([^<]+)</title>', html
    )
    return [(float(x), float(y), float(r), title) for x, y, r, title in found]


def test_it_decodes_iran_from_the_topojson() -> None:
    iran = next(
        g
        for g in maps._topology(maps.IRAN.atlas)["objects"]["countries"]["geometries"]
        if g.get("id") == maps.IRAN_ID
    )
    rings = [maps._ring(maps.IRAN.atlas, ring) for poly in maps._polygons(iran) for ring in poly]
    mainland = max(rings, key=len)
    lons, lats = [p[0] for p in mainland], [p[1] for p in mainland]
    assert 43.9 < min(lons) < 44.5 and 63.0 < max(lons) < 63.5  # Iran's west and east ends
    assert 25.0 < min(lats) < 25.4 and 39.5 < max(lats) < 39.9  # its south and north ends
    assert mainland[0] == mainland[-1]  # a closed ring


def test_it_draws_iran_and_its_neighbours_once_per_process() -> None:
    lands = maps.outline(maps.IRAN)
    assert [land.focus for land in lands].count(True) == 1
    assert len(lands) >= 10  # Iraq, Turkey, Afghanistan, Pakistan, the Gulf's shores, ...
    assert maps.outline(maps.IRAN) is lands


def test_it_puts_dots_at_public_points_only(client: Client) -> None:
    make_protest(location="Tehran", latitude="35.68920", longitude="51.38900")
    make_protest(location="Tehran", latitude="35.71000", longitude="51.41000")  # same 0.1°
    make_protest(location="Mashhad", latitude="36.29700", longitude="59.60600",
                 province=Province.RAZAVI_KHORASAN)  # fmt: skip
    make_protest(location="Secret", latitude="30.00000", longitude="50.00000", state=State.DRAFT)
    html = client.get(URL).content.decode()
    dots = circles(html)
    assert [title for *_xy, title in dots][:2] == ["Tehran: 2 protests", "Mashhad: 1 protest"]
    tehran = dots[0]
    assert (tehran[0], tehran[1]) == maps.IRAN.xy(51.4, 35.7)
    assert (tehran[0], tehran[1]) != maps.IRAN.xy(51.389, 35.6892)
    assert tehran[2] > dots[1][2]  # the larger count, the larger dot
    assert "Secret" not in html
    for fine in ("35.689", "51.389", "36.297", "59.606", "35.71", "51.41"):
        assert fine not in html


def test_it_draws_protests_abroad_on_the_world_map(client: Client) -> None:
    make_protest(country="DE", province="", location="Berlin", latitude="52.52", longitude="13.40")
    make_protest(
        country="CA", province="", location="Toronto", latitude="43.65", longitude="-79.38"
    )
    html = client.get(URL).content.decode()
    titles = [title for *_xy, title in circles(html)]
    assert sorted(titles) == ["Berlin: 1 protest", "Toronto: 1 protest"]
    assert "Abroad: 2 solidarity protests" in html
    assert "Inside Iran: 0 protests" in html


def test_it_fetches_nothing_from_another_host(client: Client) -> None:
    make_protest()
    html = client.get(URL).content.decode()
    assert not re.search(r'(src|href|xlink:href)="(https?:)?//', html.split("<main", 1)[1])


def test_it_reads_in_persian(client: Client) -> None:
    make_protest()
    html = client.get("/fa" + URL).content.decode()
    assert '<html lang="fa" dir="rtl"' in html
    assert "۱" in html


def test_it_shares_the_places_for_a_minute(
    client: Client, django_assert_max_num_queries: object
) -> None:
    make_protest()
    client.get(URL)
    with django_assert_max_num_queries(0):  # type: ignore[operator]
        client.get("/fa" + URL)

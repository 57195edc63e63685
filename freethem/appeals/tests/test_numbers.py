"""The appeal's numbers page: counts by country as a table and bars, the goal and milestones,
and the count hour by hour, in both languages."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation

from freethem.appeals.models import Appeal, CountSnapshot
from freethem.appeals.tests.factories import make_appeal
from freethem.appeals.tests.test_list import signed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_start() -> None:
    cache.clear()
    translation.activate("en")


def get(client: Client, appeal: Appeal, prefix: str = "") -> str:
    response = client.get(f"{prefix}/appeals/{appeal.slug}/numbers/")
    assert response.status_code == 200
    return response.content.decode()


def table_rows(html: str) -> list[tuple[str, str, str]]:
    body = html[html.index('<table class="country-table">') :]
    return re.findall(r'<th scope="row">([^<]*)</th><td>([^<]*)</td><td>([^<]*)</td>', body)


@pytest.fixture
def appeal() -> Appeal:
    appeal = make_appeal(goal=10, milestones=[2, 10])
    for n, country in enumerate(["IR", "IR", "DE", "FR"]):
        signed(appeal, n, country=country)
    signed(appeal, 9, country="IT", display="hidden")  # counted though not listed
    return appeal


def test_it_tables_the_countries_with_count_and_share(client: Client, appeal: Appeal) -> None:
    html = get(client, appeal)
    assert table_rows(html) == [
        ("Iran", "2", "40.0%"),
        ("France", "1", "20.0%"),
        ("Germany", "1", "20.0%"),
        ("Italy", "1", "20.0%"),
    ]
    assert '<strong class="confirmed">5</strong>' in html
    assert "from 4 countries" in html


def test_it_draws_the_countries_as_accessible_bars(client: Client, appeal: Appeal) -> None:
    html = get(client, appeal)
    svg = html[html.index('<figure class="chart bars-chart">') :]
    svg = svg[: svg.index("</figure>")]
    assert 'role="img"' in svg and 'direction="ltr"' in svg
    assert '<title id="bars-title">Signatures in the 4 countries with the most</title>' in svg
    assert svg.count("<rect ") == 4
    assert ">Iran</text>" in svg


def test_it_shows_the_goal_and_milestones(client: Client, appeal: Appeal) -> None:
    html = get(client, appeal)
    assert 'role="progressbar"' in html
    assert 'aria-valuenow="5"' in html
    assert html.count('class="milestone reached"') == 1


def test_it_gives_everything_in_persian_right_to_left(client: Client, appeal: Appeal) -> None:
    html = get(client, appeal, prefix="/fa")
    assert table_rows(html)[0] == ("ایران", "۲", "۴۰٫۰٪")
    assert 'direction="rtl"' in html
    assert '<strong class="confirmed">۵</strong>' in html


def test_it_charts_the_hourly_snapshots_with_dates(client: Client, appeal: Appeal) -> None:
    start = timezone.now().replace(minute=0, second=0, microsecond=0) - datetime.timedelta(days=3)
    for h in range(0, 72, 6):
        CountSnapshot.objects.create(
            appeal=appeal, hour=start + datetime.timedelta(hours=h), confirmed=h, countries=1
        )
    html = get(client, appeal)
    chart = html[html.index('<figure class="chart line-chart">') :]
    assert "<polyline" in chart and '<title id="line-title">' in chart
    assert "66 confirmed signatures" in chart
    assert '<time datetime="' in chart
    persian = get(client, appeal, prefix="/fa")
    assert "آذر" in persian or "آبان" in persian  # the Solar Hijri month on the time axis
    assert f'href="/appeals/{appeal.slug}/history.csv"' in html


def test_it_says_so_when_nothing_is_counted_or_recorded(client: Client) -> None:
    html = get(client, make_appeal())
    assert "No signature is counted yet." in html
    assert "the first record will be here within the hour" in html
    assert "<svg viewBox" not in html


def test_it_is_not_found_for_a_draft(client: Client) -> None:
    appeal = make_appeal(state="draft")
    assert client.get(f"/appeals/{appeal.slug}/numbers/").status_code == 404
    assert client.get(f"/appeals/{appeal.slug}/signatures/").status_code == 404

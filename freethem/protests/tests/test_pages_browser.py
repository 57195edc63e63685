"""The protest tracker's public pages in a real browser, in English and in Persian: filtering
the list with the keyboard alone, following a headline figure and a province's tile to the
records they count, and each page fitting a phone and a desktop with nothing fetched from
another host. Screenshots at 360 and 1280 px are saved to the temporary directory
(protest-shots/) to look at."""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from freethem.protests.tests.factories import make_protest
from freethem.protests.vocab import Province, SubEventType

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "protest-shots"
PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٬", "0123456789,")


def records() -> str:
    """A few months of varied records; the id of one in Ahvaz."""
    towns = [
        ("Tehran", Province.TEHRAN, "35.69", "51.39"),
        ("Ahvaz", Province.KHUZESTAN, "31.32", "48.67"),
        ("Mashhad", Province.RAZAVI_KHORASAN, "36.26", "59.62"),
        ("Sanandaj", Province.KURDISTAN, "35.32", "46.99"),
    ]
    groups = ("workers", "retirees", "teachers", "students", "families")
    for n in range(24):
        town, province, lat, lon = towns[n % 4]
        make_protest(
            date=datetime.date(2026, 9 + n % 3, 1 + n),
            location=town, province=province, latitude=lat, longitude=lon,
            groups=(groups[n % 5],), size_low=100 + n, size_high=200 + n,
            sub_event_type=SubEventType.INTERVENTION if n % 6 == 0 else SubEventType.PEACEFUL,
        )  # fmt: skip
    make_protest(country="DE", province="", location="Berlin", latitude="52.52", longitude="13.4")
    return make_protest(location="Ahvaz", province=Province.KHUZESTAN, latitude="31.32",
                        longitude="48.67", claims="for unpaid wages").event_id  # fmt: skip


def tab_to(page: Page, element_id: str) -> None:
    """Press Tab until the element has the focus (as a keyboard user would)."""
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    pytest.fail(f"Tab never reached #{element_id}")


def shown_count(page: Page) -> int:
    heading = page.locator("#results-title").inner_text()
    return int(heading.split()[0].translate(PERSIAN_DIGITS).replace(",", ""))


@pytest.mark.parametrize("prefix", ["", "/fa"])
def test_it_filters_with_the_keyboard_alone(
    page: Page, live_server: LiveServer, traffic: Traffic, prefix: str
) -> None:
    records()
    page.goto(f"{live_server.url}{prefix}/protests/")
    assert shown_count(page) == 26
    tab_to(page, "f-province")
    page.keyboard.press("ArrowDown")  # the first province by name in the page's language
    tab_to(page, "f-group")
    tab_to(page, "")  # on past the kind of protest, onto the button (it has no id)
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    page.keyboard.press("Enter")
    page.wait_for_url("**province=**")
    assert page.locator("#f-province").input_value() != ""
    assert shown_count(page) < 26
    assert traffic.problems() == {}


@pytest.mark.parametrize("prefix", ["", "/fa"])
def test_it_opens_the_records_a_figure_counts(
    page: Page, live_server: LiveServer, traffic: Traffic, prefix: str
) -> None:
    records()
    page.goto(f"{live_server.url}{prefix}/protests/stats/")
    headline = page.locator(".headlines a").first
    figure = int(headline.locator(".figure").inner_text().translate(PERSIAN_DIGITS))
    headline.click()
    page.wait_for_url("**month=**")
    assert shown_count(page) == figure

    page.goto(f"{live_server.url}{prefix}/protests/stats/")
    page.locator('.tilemap a[href$="province=IR-06"]').click()
    page.wait_for_url("**province=IR-06")
    assert shown_count(page) == 7  # six in Ahvaz and the one with claims
    assert traffic.problems() == {}


@pytest.mark.parametrize("prefix", ["", "/fa"])
@pytest.mark.parametrize("width", [360, 1280])
def test_it_fits_every_page_on_the_screen(
    new_page: Callable[..., Page],
    live_server: LiveServer,
    traffic: Traffic,
    prefix: str,
    width: int,
) -> None:
    record = records()
    page = new_page(viewport={"width": width, "height": 800})
    SHOTS.mkdir(exist_ok=True)
    language = prefix.strip("/") or "en"
    for name, path in (
        ("list", "/protests/"),
        ("stats", "/protests/stats/"),
        ("map", "/protests/map/"),
        ("record", f"/protests/{record}/"),
    ):
        page.goto(f"{live_server.url}{prefix}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        page.screenshot(path=SHOTS / f"{name}-{language}-{width}.png", full_page=True)
    assert page.locator(".map circle").count() == 1
    assert all(request.startswith(live_server.url) for request in traffic.requests)
    assert traffic.problems() == {}

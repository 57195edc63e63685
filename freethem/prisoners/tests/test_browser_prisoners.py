"""The case database in a real browser: filter the list, open a profile, in both languages."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from freethem.core.dates import Precision
from freethem.prisoners.tests.factories import (
    make_case,
    make_category,
    make_event,
    make_person,
    make_prison,
    make_sentence,
)
from freethem.prisoners.vocab import CustodyStatus, Province, SentenceKind

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def records() -> None:
    evin = make_prison(
        slug="evin", name_en="Evin Prison", name_fa="زندان اوین", province=Province.TEHRAN
    )
    lawyer = make_category(slug="lawyer", name_en="Lawyer", name_fa="وکیل")
    nasrin = make_person(
        slug="nasrin-sotoudeh",
        name_latin="Nasrin Sotoudeh",
        name_fa="نسرین ستوده",
        current_prison=evin,
        custody_status=CustodyStatus.SERVING,
        categories=[lawyer],
        summary_en="Human rights lawyer.",
        summary_fa="وکیل حقوق بشر.",
    )
    case = make_case(nasrin, arrested_on=datetime.date(2018, 6, 1), precision=Precision.MONTH)
    make_sentence(case, kind=SentenceKind.PRISON, imposed=396, enforceable=144)
    make_event(nasrin, occurred_on=datetime.date(2018, 6, 1), precision=Precision.MONTH)
    make_event(nasrin, occurred_on=datetime.date(2019, 3, 11), sources=[])
    for n in range(5):
        make_person(
            name_latin=f"Other Person {n}",
            name_fa=f"شخص دیگر {n}",
            custody_status=CustodyStatus.PRE_TRIAL,
        )


def card_names(page: Page) -> list[str]:
    return page.locator(".cards .name a").all_inner_texts()


@pytest.mark.parametrize(
    ("prefix", "status_label", "name", "heading"),
    [
        ("", "Serving a sentence", "Nasrin Sotoudeh", "Nasrin Sotoudeh"),
        ("/fa", "", "نسرین ستوده", "نسرین ستوده"),
    ],
)
def test_it_filters_the_list_and_opens_a_profile(
    page: Page,
    live_server: LiveServer,
    traffic: Traffic,
    records: None,
    prefix: str,
    status_label: str,
    name: str,
    heading: str,
) -> None:
    page.goto(f"{live_server.url}{prefix}/prisoners/")
    assert len(card_names(page)) == 6

    status = page.locator("details.facet").first
    status.locator("summary").click()
    status.locator('input[value="serving"]').check()
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**status=serving**")
    assert card_names(page) == [name]
    assert page.locator('input[name="status"][value="serving"]').is_checked()
    if status_label:
        label = page.locator('input[name="status"][value="serving"] + label').inner_text()
        assert label.startswith(status_label)

    page.get_by_role("link", name=name).click()
    page.wait_for_url(f"**{prefix}/prisoners/nasrin-sotoudeh/")
    assert page.locator("main h1").inner_text() == heading
    assert page.locator(".unverified").count() == 1
    thirty_three = "۳۳" if prefix else "33"  # years imposed, in the page's digits
    assert page.locator(".sentence-totals .imposed").inner_text().startswith(thirty_three)
    assert traffic.problems() == {}


@pytest.mark.parametrize(
    "path",
    [
        "/prisoners/",
        "/fa/prisoners/",
        "/prisoners/nasrin-sotoudeh/",
        "/fa/prisoners/nasrin-sotoudeh/",
        "/prisoners/stats/",
        "/fa/prisoners/stats/",
    ],
)
def test_it_fits_a_phone_screen_without_javascript(
    new_page: Callable[..., Page],
    live_server: LiveServer,
    traffic: Traffic,
    records: None,
    path: str,
) -> None:
    page = new_page(viewport=PHONE, java_script_enabled=False)
    response = page.goto(live_server.url + path)
    assert response is not None and response.status == 200
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"], f"{path} scrolls sideways: {scroll_width}px wide"
    assert traffic.problems() == {}


def test_it_filters_without_javascript(
    new_page: Callable[..., Page], live_server: LiveServer, traffic: Traffic, records: None
) -> None:
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(live_server.url + "/prisoners/")
    page.locator("details.facet >> nth=1").locator("summary").click()
    page.locator('input[name="category"][value="lawyer"]').check()
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**category=lawyer**")
    assert card_names(page) == ["Nasrin Sotoudeh"]
    assert traffic.problems() == {}

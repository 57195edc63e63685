"""The 404 page in a real browser on a phone, in both languages: in the site's layout and
styles, in the language and direction of the address, with ways back that work."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
ACCENT = "rgb(163, 18, 27)"  # --accent in site.css

MISSING = {
    "en": ("/no/such/page/", "ltr", "Page not found", "The home page", "/"),
    "fa": ("/fa/no/such/page/", "rtl", "صفحه پیدا نشد", "صفحهٔ اصلی", "/fa/"),
}


def open_missing(new_page: Callable[..., Page], live_server: LiveServer, language: str) -> Page:
    path, direction, title, _home, _home_path = MISSING[language]
    page = new_page(viewport=PHONE)
    response = page.goto(live_server.url + path)
    assert response is not None and response.status == 404
    assert page.locator("html").get_attribute("lang") == language
    assert page.evaluate("getComputedStyle(document.body).direction") == direction
    assert page.locator("main h1").inner_text() == title
    return page


@pytest.mark.parametrize("language", ["en", "fa"])
def test_it_shows_the_404_page_in_the_sites_layout_on_a_phone(
    new_page: Callable[..., Page], live_server: LiveServer, traffic: Traffic, language: str
) -> None:
    page = open_missing(new_page, live_server, language)
    # The site's stylesheet is applied: the header's red rule, the brand, the footer.
    header = page.locator("header.site-header")
    assert header.evaluate("e => getComputedStyle(e).borderBottomColor") == ACCENT
    assert page.locator(".brand").is_visible()
    assert page.locator("footer.site-footer").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The way back sits on the start side of the page: left in English, right in Persian.
    link = page.locator(".ways-back li a").first.bounding_box()
    assert link is not None
    if language == "fa":
        assert link["x"] + link["width"] > PHONE["width"] / 2
    else:
        assert link["x"] < PHONE["width"] / 2
    # Nothing failed but the missing page itself (which Chromium also reports in the console).
    missing = live_server.url + MISSING[language][0]
    assert traffic.failed_responses == [f"404 {missing}"]
    assert [error for error in traffic.console_errors if f"({missing})" not in error] == []
    assert traffic.outside == [] and traffic.page_errors == []


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_404_pages_home_link_leads_home(
    new_page: Callable[..., Page], live_server: LiveServer, language: str
) -> None:
    _path, _direction, _title, home, home_path = MISSING[language]
    page = open_missing(new_page, live_server, language)
    with page.expect_navigation() as navigation:
        page.locator(".ways-back").get_by_role("link", name=home, exact=True).click()
    assert navigation.value is not None and navigation.value.status == 200
    assert page.url == live_server.url + home_path
    assert page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_404_pages_search_finds_prisoners(
    new_page: Callable[..., Page], live_server: LiveServer, language: str
) -> None:
    page = open_missing(new_page, live_server, language)
    search = page.locator(".ways-back input[type=search]")
    search.fill("Nobody")
    with page.expect_navigation() as navigation:
        search.press("Enter")
    assert navigation.value is not None and navigation.value.status == 200
    prefix = "/fa" if language == "fa" else ""
    assert page.url == f"{live_server.url}{prefix}/prisoners/?q=Nobody"

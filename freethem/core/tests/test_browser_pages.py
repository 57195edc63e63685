"""The public pages in a real browser (Debian's Chromium through Playwright), in both languages.

The pages come from public_paths(), so pages added by later apps are checked here too.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from freethem.core.testing.pages import public_paths

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
PATHS = public_paths()

FONTS_READY = "document.fonts.ready.then(() => true)"
LOADED_VAZIRMATN = """() => [...document.fonts].some(
    (face) => face.family.includes("Vazirmatn") && face.status === "loaded")"""

# Text whose colour is too close to its background (WCAG 2.2 AA: 4.5:1, or 3:1 for large text).
# The background is the first opaque one among the element and its ancestors.
# Colours are read through a canvas, which turns any CSS colour (rgb(), oklch(), ...) into sRGB.
LOW_CONTRAST = """() => {
  const context = Object.assign(document.createElement("canvas"), { width: 1, height: 1 })
    .getContext("2d", { willReadFrequently: true });
  const rgb = (color) => {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = color;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const luminance = (color) => {
    const [r, g, b] = rgb(color).slice(0, 3).map((value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const color = getComputedStyle(node).backgroundColor;
      if ((rgb(color)[3] ?? 1) > 0) return color;
    }
    return "rgb(255, 255, 255)";
  };
  const found = [];
  for (const element of document.querySelectorAll("body *")) {
    const text = [...element.childNodes].some((n) => n.nodeType === 3 && n.data.trim());
    if (!text || !element.checkVisibility()) continue;
    const style = getComputedStyle(element);
    const [a, b] = [luminance(style.color), luminance(background(element))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      found.push(`${element.tagName.toLowerCase()}.${element.className} ${ratio.toFixed(2)}:1`);
    }
  }
  return found;
}"""


def load(page: Page, live_server: LiveServer, path: str) -> int:
    """Open path, wait until its fonts have loaded, and return the HTTP status."""
    response = page.goto(live_server.url + path)
    assert response is not None
    page.evaluate(FONTS_READY)
    return response.status


def box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not rendered"
    return found


@pytest.mark.parametrize("path", PATHS)
def test_it_loads_a_public_page_from_this_server_alone(
    page: Page, live_server: LiveServer, traffic: Traffic, path: str
) -> None:
    assert load(page, live_server, path) == 200
    language = "fa" if path.startswith("/fa/") else "en"
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("main#main h1").count() == 1
    assert traffic.requests, "the page made no requests at all"
    assert traffic.problems() == {}


def test_it_lays_out_persian_pages_right_to_left(
    page: Page, live_server: LiveServer, traffic: Traffic
) -> None:
    load(page, live_server, "/")
    width = page.evaluate("document.documentElement.clientWidth")
    english_brand, english_nav = box(page, ".brand"), box(page, "nav.site-nav")

    load(page, live_server, "/fa/")
    assert page.locator("html[dir=rtl]").count() == 1
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    persian_brand, persian_nav = box(page, ".brand"), box(page, "nav.site-nav")

    # Mirrored: the brand starts as far from the right edge as it does from the left in English.
    english_start = english_brand["x"]
    persian_start = width - (persian_brand["x"] + persian_brand["width"])
    assert persian_start == pytest.approx(english_start, abs=2)
    assert persian_brand["x"] > width / 2
    # And the menu follows it: to the right of the brand in English, to the left in Persian.
    assert english_nav["x"] >= english_brand["x"] + english_brand["width"]
    assert persian_nav["x"] + persian_nav["width"] <= persian_brand["x"]
    assert traffic.problems() == {}


def test_it_renders_persian_text_in_vazirmatn(
    page: Page, live_server: LiveServer, traffic: Traffic
) -> None:
    load(page, live_server, "/fa/")
    assert page.evaluate(LOADED_VAZIRMATN)
    assert [url for url in traffic.requests if "/static/vendor/vazirmatn/" in url]

    # The glyphs actually drawn for the Persian date come from Vazirmatn, not a system font.
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": ".dateline time"})
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    assert fonts, "no font was used for the date"
    main_font = max(fonts, key=lambda font: font["glyphCount"])
    assert main_font["familyName"].startswith("Vazirmatn"), fonts
    assert main_font["isCustomFont"], fonts
    assert traffic.problems() == {}


def test_it_does_not_download_the_persian_font_for_the_english_home_page(
    page: Page, live_server: LiveServer, traffic: Traffic
) -> None:
    load(page, live_server, "/")
    assert [url for url in traffic.requests if "vazirmatn" in url.lower()] == []
    assert not page.evaluate(LOADED_VAZIRMATN)


def test_it_switches_language_on_the_same_page(
    page: Page, live_server: LiveServer, traffic: Traffic
) -> None:
    load(page, live_server, "/privacy/")
    page.locator('nav.language-switcher a[hreflang="fa"]').click()
    page.wait_for_url(live_server.url + "/fa/privacy/")
    assert page.locator("html").get_attribute("lang") == "fa"

    page.locator('nav.language-switcher a[hreflang="en"]').click()
    page.wait_for_url(live_server.url + "/privacy/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert traffic.problems() == {}


@pytest.mark.parametrize("path", ["/", "/fa/"])
def test_it_offers_a_skip_link_to_keyboard_users(
    page: Page, live_server: LiveServer, traffic: Traffic, path: str
) -> None:
    load(page, live_server, path)
    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    assert skip_link.evaluate("link => link === document.activeElement")
    # Visible while focused: inside the viewport, not just present in the page.
    link = box(page, ".skip-link")
    width = page.evaluate("document.documentElement.clientWidth")
    assert link["y"] >= 0
    assert link["x"] >= 0
    assert link["x"] + link["width"] <= width

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.url.endswith(path + "#main")
    assert traffic.problems() == {}


@pytest.mark.parametrize("path", PATHS)
def test_it_fits_a_phone_screen_without_javascript(
    new_page: Callable[..., Page], live_server: LiveServer, traffic: Traffic, path: str
) -> None:
    page = new_page(viewport=PHONE, java_script_enabled=False)
    assert load(page, live_server, path) == 200
    assert page.locator("main h1").is_visible()
    # Playwright's evaluate() still works with the page's JavaScript turned off.
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"], f"{path} scrolls sideways: {scroll_width}px wide"
    assert traffic.problems() == {}


@pytest.mark.parametrize("path", PATHS)
def test_it_keeps_text_readable_against_its_background(
    page: Page, live_server: LiveServer, path: str
) -> None:
    load(page, live_server, path)
    assert page.evaluate(LOW_CONTRAST) == []
    page.keyboard.press("Tab")  # the skip link, shown only while focused
    assert page.evaluate(LOW_CONTRAST) == []


@pytest.mark.parametrize("viewport", [PHONE])
def test_it_saves_a_screenshot_of_the_persian_home_page_on_a_phone(
    page: Page, live_server: LiveServer, traffic: Traffic
) -> None:
    """For people to look at (not compared with anything): $TMPDIR/freethem-fa-home-360.png."""
    load(page, live_server, "/fa/")
    page.screenshot(path=Path(tempfile.gettempdir()) / "freethem-fa-home-360.png", full_page=True)
    assert traffic.problems() == {}

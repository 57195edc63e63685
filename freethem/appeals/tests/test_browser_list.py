"""The public list and the numbers in a real browser, in English and in Persian: searching by
name and filtering by country with the keyboard alone, on a phone and a desktop; screenshots
of both pages at 360 and 1280 px saved to the temporary directory (list-shots/) to look at."""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.utils import timezone

from freethem.appeals import services
from freethem.appeals.models import Appeal, CountSnapshot, Signature, VerificationMeans
from freethem.appeals.tests.factories import make_appeal
from freethem.appeals.tests.test_list import signed
from freethem.core.tests.factories import staff_user

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "list-shots"
SIGNERS = [
    ("Sepideh Gholian", "IR", "full"),
    ("سپیده قلیان", "IR", "full"),
    ("Noam Chomsky", "US", "full"),
    ("Anna Schmidt", "DE", "full"),
    ("Lukas Weber", "DE", "first"),
    ("نرگس محمدی", "FR", "full"),
    ("Marie Dupont", "FR", "full"),
    ("Hidden Signer", "SE", "hidden"),
    ("Omid Rahimi", "CA", "full"),
    ("Laura Rossi", "IT", "full"),
]


def campaign() -> Appeal:
    appeal = make_appeal(slug="free-them", goal=20, milestones=[5, 10, 20])
    Appeal.objects.filter(pk=appeal.pk).update(
        title_en="Free Iran's political prisoners", title_fa="زندانیان سیاسی ایران را آزاد کنید"
    )
    appeal.refresh_from_db()
    for number, (name, country, display) in enumerate(SIGNERS):
        signed(appeal, number, name=name, country=country, display=display)
    notable = Signature.objects.get(public_name="Noam Chomsky")
    services.notable_mark(
        signature=notable, verified_by=staff_user(username="org", role="organiser"),
        means=VerificationMeans.POST, note="https://example.net/@noam/1",
        description_en="linguist", description_fa="زبان‌شناس",
    )  # fmt: skip
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    for h in range(48):
        CountSnapshot.objects.create(
            appeal=appeal,
            hour=start - datetime.timedelta(hours=47 - h),
            confirmed=round(9 * (h / 47) ** 1.5),
            countries=6,
        )
    return appeal


def tab_to(page: Page, element_id: str) -> None:
    """Press Tab until the element has the focus (as a keyboard user would)."""
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    pytest.fail(f"Tab never reached #{element_id}")


def names(page: Page) -> list[str]:
    return page.locator(".names .name, .notables .name").all_inner_texts()


@pytest.mark.parametrize(
    ("prefix", "query", "found"),
    [("", "Golian", "سپیده قلیان"), ("/fa", "قلیان", "Sepideh Gholian")],
)
def test_it_searches_and_filters_the_list_with_the_keyboard(
    new_page: Callable[..., Page],
    live_server: LiveServer,
    traffic: Traffic,
    prefix: str,
    query: str,
    found: str,
) -> None:
    campaign()
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}{prefix}/appeals/free-them/")
    page.locator(".appeal-names .all-names a").click()
    page.wait_for_url(f"**{prefix}/appeals/free-them/signatures/")
    assert names(page)[0] == "Noam Chomsky"  # notables first
    assert "Hidden Signer" not in page.content()
    assert len(names(page)) == 9

    tab_to(page, "names-q")
    page.keyboard.type(query)
    page.keyboard.press("Enter")
    page.wait_for_url("**q=**")
    assert sorted(names(page)) == sorted(["Sepideh Gholian", "سپیده قلیان"])
    assert found in names(page)

    page.goto(f"{live_server.url}{prefix}/appeals/free-them/signatures/")
    tab_to(page, "names-country")
    page.keyboard.press("ArrowDown")  # the first country by name
    tab_to(page, "")  # the button has no id: Tab once more onto it
    page.keyboard.press("Enter")
    page.wait_for_url("**country=**")
    assert len(names(page)) < 9
    assert page.locator("#names-country").input_value() != ""
    assert traffic.problems() == {}


@pytest.mark.parametrize("prefix", ["", "/fa"])
@pytest.mark.parametrize("width", [360, 1280])
def test_it_fits_the_list_and_the_numbers_on_the_screen(
    new_page: Callable[..., Page],
    live_server: LiveServer,
    traffic: Traffic,
    prefix: str,
    width: int,
) -> None:
    campaign()
    page = new_page(viewport={"width": width, "height": 800})
    SHOTS.mkdir(exist_ok=True)
    language = prefix.strip("/") or "en"
    for view in ("signatures", "numbers"):
        page.goto(f"{live_server.url}{prefix}/appeals/free-them/{view}/")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=SHOTS / f"{view}-{language}-{width}.png", full_page=True)
    bars = page.locator(".bars-chart svg")
    assert bars.get_attribute("direction") == ("rtl" if prefix else "ltr")
    assert page.locator(".bars-chart svg title").text_content()
    assert page.locator(".country-table tbody tr").count() == 7  # the hidden signer counts
    assert page.locator(".line-chart polyline").count() == 1
    assert traffic.problems() == {}

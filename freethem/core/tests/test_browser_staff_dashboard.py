"""The staff home in a real browser, as an organiser signs in to it on a phone and on a desk, in
both languages: each block with the numbers of what waits, and its link to act."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from freethem.core.tests.factories import current_code, staff_user
from freethem.core.tests.staff_dashboard_support import campaign
from freethem.core.tests.test_browser_staff import sign_in

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENGLISH = {
    "panels": [
        "Appeals",
        "Signatures waiting for review",
        "Abuse alerts",
        "Records waiting for review",
        "Protest tracker",
        "Upcoming events",
        "Things to do",
        "Mail",
        "Recent activity",
    ],
    "counts": ["Confirmed 3", "Waiting for confirmation 2", "Held for review 1", "Goal 5,000"],
    "waiting": "1 signature is held for review",
    "review": "Review them",
}
PERSIAN = {
    "panels": [
        "فراخوان‌ها", "امضاهای در انتظار بررسی", "هشدارهای سوءاستفاده",
        "رکوردهای در انتظار بازبینی", "ثبت اعتراض‌ها", "رویدادهای پیش رو",
        "کارهایی که می‌توان کرد", "نامه",
        "کارهای اخیر",
    ],
    "counts": ["تأییدشده ۳", "در انتظار تأیید ۲", "نگه‌داشته برای بررسی ۱", "هدف ۵٬۰۰۰"],
    "waiting": "۱ امضا برای بررسی نگه داشته شده است",
    "review": "بررسی کنید",
}  # fmt: skip


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize(("prefix", "words"), [("", ENGLISH), ("/fa", PERSIAN)])
def test_it_shows_an_organiser_what_waits_and_leads_to_it(
    new_page: Callable[..., Page],
    live_server: LiveServer,
    traffic: Traffic,
    width: int,
    prefix: str,
    words: dict,
) -> None:
    made = campaign()
    organiser = staff_user(username="organiser1", role="organiser")
    page = new_page(viewport={"width": width, "height": 800})
    sign_in(page, live_server.url, organiser.username, current_code(organiser))
    page.wait_for_url(live_server.url + "/staff/")
    page.goto(f"{live_server.url}{prefix}/staff/")

    headings = page.locator(".dashboard-panel > h2")
    assert headings.all_inner_texts() == words["panels"]
    for heading in headings.all():
        assert heading.is_visible()
    counts = page.locator(".appeal-counts li").first.locator("dl.counts > div")
    shown = [" ".join(text.split()) for text in counts.all_inner_texts()]
    assert shown == words["counts"]
    held = page.locator(".dashboard-panel").nth(1)
    assert words["waiting"] in held.inner_text()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width  # no sideways scroll

    held.get_by_role("link", name=words["review"]).click()
    page.wait_for_url(f"{live_server.url}{prefix}/staff/appeals/reviewsignature/")
    # The review queue: the held signature among those waiting for a decision.
    assert made.held.public_name in page.locator("#result_list tbody").inner_text()
    assert traffic.problems() == {}

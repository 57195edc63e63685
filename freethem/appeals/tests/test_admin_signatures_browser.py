"""The signature list fits a 1280 px screen beside the staff menu and the filters, in both
languages, with two appeals, long names and several reasons: nothing scrolls sideways."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from freethem.appeals.models import Appeal
from freethem.appeals.tests.test_admin_support import make_appeal, make_signature
from freethem.core.tests.factories import current_code, staff_user
from freethem.core.tests.test_browser_staff import sign_in

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OVERFLOW = """() => {
  const results = document.querySelector("#changelist .results");
  return {
    page: document.scrollingElement.scrollWidth,
    results: results.scrollWidth - results.clientWidth,
  };
}"""


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}])
def test_it_fits_the_signature_list_in_1280_px(
    page: Page, live_server: LiveServer, traffic: Traffic
) -> None:
    long_title = "Free every political prisoner held in Iran's prisons, now and unconditionally"
    appeals = [make_appeal(slug="free-them"), make_appeal(slug="second-appeal")]
    Appeal.objects.filter(slug="free-them").update(
        title_en=long_title, title_fa="همهٔ زندانیان سیاسی را بی‌درنگ و بی‌قیدوشرط آزاد کنید"
    )
    reasons = ["no-pow blocked-domain domain-limit", "blocked-ip ip-limit network-limit", ""]
    for n in range(6):
        make_signature(
            appeals[n % 2],
            email=f"signer{n}@example.org",
            name=f"Maximiliane Alexandra Konstantinopoulou-Wittgenstein {n}",
            suspect=bool(reasons[n % 3]),
            held=n == 0,
            reasons=reasons[n % 3],
            city="Neustadt an der Weinstraße",
            country="DE",
        )
    organiser = staff_user(username="organiser1", role="organiser")
    sign_in(page, live_server.url, organiser.username, current_code(organiser))
    page.wait_for_url(live_server.url + "/staff/")

    for prefix in ("", "/fa"):
        page.goto(f"{live_server.url}{prefix}/staff/appeals/signature/")
        assert page.locator("#result_list tbody tr").count() == 6
        assert page.locator("#result_list th.column-appeal_title").count() == 1  # two appeals
        assert page.evaluate(OVERFLOW) == {"page": 1280, "results": 0}, prefix
    assert traffic.problems() == {}

"""The person form in a real browser: the folded sections open with a click, and on a Persian page
the date examples read as typed (2020-10-31, not 31-10-2020)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from freethem.core.tests.factories import current_code, staff_user
from freethem.core.tests.test_browser_staff import sign_in

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The characters of the first text in `selector` that contains `needle`, left to right as shown.
SHOWN_ORDER = """([selector, needle]) => {
  const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const start = node.data.indexOf(needle);
    if (start < 0) continue;
    const chars = [];
    for (let i = start; i < start + needle.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      chars.push([range.getBoundingClientRect().left, node.data[i]]);
    }
    return chars.sort((a, b) => a[0] - b[0]).map((c) => c[1]).join("");
  }
  return null;
}"""


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740}])
def test_it_folds_the_long_form_and_keeps_date_examples_in_order(
    page: Page, live_server: LiveServer, traffic: Traffic
) -> None:
    researcher = staff_user(username="researcher1", role="researcher")
    sign_in(page, live_server.url, researcher.username, current_code(researcher))
    page.wait_for_url(live_server.url + "/staff/")
    page.goto(live_server.url + "/fa/staff/prisoners/person/add/")

    assert page.locator("#id_name_fa").is_visible()
    birth_date = page.locator("#id_birth_date")
    assert not birth_date.is_visible()  # folded under "About the person"
    page.locator("summary", has_text="دربارهٔ این شخص").click()
    assert birth_date.is_visible()

    help_text = ".field-birth_date .help"
    assert page.evaluate(SHOWN_ORDER, [help_text, "2020-10-31"]) == "2020-10-31"
    assert page.evaluate(SHOWN_ORDER, [help_text, "۱۳۹۹/۰۸/۱۰"]) == "۱۳۹۹/۰۸/۱۰"
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    assert traffic.problems() == {}

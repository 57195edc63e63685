"""Notable signatories in a real browser, at 360 and 1280 px, in both languages: an organiser
verifies and marks a signer on the staff form, and the appeal's page then shows them with
their description and statement, within the width, under the CSP. Screenshots of both go to
$SHOTS_DIR (when set) for a person to look at."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from freethem.appeals.models import Notable
from freethem.appeals.tests.test_admin_support import make_appeal, make_signature
from freethem.core.tests.factories import PASSWORD, current_code, staff_user

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

WIDTHS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}
DESCRIPTION = {"": "Linguist and author", "/fa": "زبان‌شناس و نویسنده"}
STATEMENT = "No one belongs in prison for their words."


def shot(page: Page, name: str) -> None:
    folder = os.environ.get("SHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def signed_in(page: Page, url: str) -> None:
    user = staff_user(username="organiser1", role="organiser")
    page.goto(url + "/staff/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_code").fill(current_code(user))
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.wait_for_url(url + "/staff/")


@pytest.mark.parametrize("prefix", ["", "/fa"])
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_it_verifies_marks_and_shows_a_notable(
    new_page: Callable[..., Page],
    live_server: LiveServer,
    traffic: Traffic,
    prefix: str,
    size: str,
) -> None:
    appeal = make_appeal(featured=True)
    signature = make_signature(appeal, email="n@example.org", name="Noam Notable", city="Boston")
    make_signature(appeal, email="p@example.org", name="مریم نمونه", country="IR")
    page = new_page(viewport=WIDTHS[size])
    signed_in(page, live_server.url)
    lang = prefix.strip("/") or "en"

    page.goto(f"{live_server.url}{prefix}/staff/appeals/notable/add/?signature={signature.pk}")
    page.locator("#id_means_0").check()
    page.locator("#id_note").fill("Video call with his office, 30 Nov")
    page.locator("#id_description_en").fill(DESCRIPTION[""])
    page.locator("#id_description_fa").fill(DESCRIPTION["/fa"])
    page.locator("#id_statement_en").fill(STATEMENT)
    shot(page, f"staff-notable-form-{size}-{lang}")
    page.locator("input[name=_save]").click()
    page.wait_for_url(f"**{prefix}/staff/appeals/notable/")
    shot(page, f"staff-notable-list-{size}-{lang}")
    assert Notable.objects.get().verified_by_name == "organiser1"

    page.goto(f"{live_server.url}{prefix}/appeals/{appeal.slug}/")
    section = page.locator(".appeal-notables")
    assert DESCRIPTION[prefix] in section.inner_text()
    assert STATEMENT in section.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[size]["width"]
    section.scroll_into_view_if_needed()
    if folder := os.environ.get("SHOTS_DIR"):
        section.screenshot(path=f"{folder}/appeal-notables-{size}-{lang}.png")
    assert traffic.problems() == {}

"""The review queue and the invalidation preview in a real browser, under the CSP, in both
languages, on a phone and a desktop: a moderator approves a selection and runs a preview.
Screenshots go to FREETHEM_SHOTS (a directory) when it is set."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from freethem.appeals.tests.test_admin_support import confirmed_count, make_appeal, make_signature
from freethem.core.tests.factories import PASSWORD, current_code, staff_user

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import User
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.slow]


def sign_in(page: Page, url: str, user: User) -> None:
    page.goto(url + "/staff/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_code").fill(current_code(user))
    page.locator("#id_code").press("Enter")
    page.wait_for_url(url + "/staff/")


def shot(page: Page, name: str) -> None:
    if folder := os.environ.get("FREETHEM_SHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(folder) / f"{name}.png", full_page=True)


def test_a_moderator_reviews_and_previews_in_both_languages(
    new_page: Callable[..., Page], live_server: LiveServer, traffic: Traffic
) -> None:
    appeal = make_appeal()
    make_signature(appeal, email="secret-one@bots.example", name="Held Person", held=True,
                   reasons="no-pow", ip="198.51.100.7")  # fmt: skip
    make_signature(appeal, email="b@bots.example", name="Suspect Person", suspect=True,
                   reasons="ip-limit network-limit", country="IR")  # fmt: skip
    make_signature(appeal, email="c@bots.example", name="Counted Person", ip="198.51.100.8")
    url = live_server.url
    user = staff_user(username="moderator1", role="moderator")
    page = new_page(viewport={"width": 360, "height": 800})
    sign_in(page, url, user)  # once: a code is taken once
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        for prefix in ("", "/fa"):
            lang = prefix.strip("/") or "en"
            page.goto(f"{url}{prefix}/staff/appeals/reviewsignature/")
            assert page.get_by_text("Held Person").count() == 1
            assert page.get_by_text("secret-one").count() == 0
            shot(page, f"queue-{lang}-{width}")
            page.goto(f"{url}{prefix}/staff/appeals/invalidation/add/?network=198.51.100.0/24")
            assert page.locator("#invalidation-preview").count() == 1
            shot(page, f"preview-{lang}-{width}")

    page.goto(f"{url}/staff/appeals/reviewsignature/")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("approve")
    page.locator("button[name=index]").first.click()
    page.locator("#id_why").fill("checked by phone")
    page.get_by_role("button", name="Approve").click()
    page.get_by_text("Approved: 1.").wait_for()
    assert confirmed_count(appeal) == 2
    assert traffic.problems() == {}

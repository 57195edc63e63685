"""Staff sign-in in a real browser: password, then the authenticator code, then the staff area."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from freethem.core.tests.factories import PASSWORD, current_code, staff_user

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("prefix", "direction", "heading"),
    [("", "ltr", "Campaign administration"), ("/fa", "rtl", "مدیریت کارزار")],
)
def test_it_signs_in_with_password_and_code_using_the_keyboard(
    new_page: Callable[..., Page],
    live_server: LiveServer,
    traffic: Traffic,
    prefix: str,
    direction: str,
    heading: str,
) -> None:
    user = staff_user(username="organiser1", role="organiser")
    page = new_page()
    page.goto(f"{live_server.url}{prefix}/staff/")
    assert page.url.startswith(f"{live_server.url}{prefix}/staff/login/")

    # Labels lead to their fields, and Enter submits: no mouse needed.
    page.get_by_label("Username" if not prefix else "نام کاربری").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_code").fill(current_code(user))
    page.keyboard.press("Enter")

    page.wait_for_url(f"{live_server.url}{prefix}/staff/")
    assert page.locator("html").get_attribute("dir") == direction
    assert page.get_by_text(heading).count() >= 1
    assert traffic.problems() == {}  # the admin too runs under the CSP, with nothing outside


def test_it_shows_the_reason_when_the_code_is_wrong(
    page: Page, live_server: LiveServer, traffic: Traffic
) -> None:
    user = staff_user()
    page.goto(live_server.url + "/staff/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_code").fill("000000")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text() == (
        "Wrong username, password or code. Check them and try again."
    )
    assert page.locator("#id_username").input_value() == user.username  # kept what was typed
    assert traffic.problems() == {}

"""Staff sign-in in a real browser: password, then the authenticator code, then the staff area."""

from __future__ import annotations

from base64 import b32decode
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django_otp.oath import TOTP

from freethem.core.tests.factories import PASSWORD, current_code, staff_user

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.fixtures import SettingsWrapper
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, base: str, username: str, code: str) -> None:
    page.goto(base + "/staff/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_code").fill(code)
    page.get_by_role("button", name="Sign in").click()


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


def test_it_runs_the_admin_lists_and_forms_under_the_csp(
    page: Page, live_server: LiveServer, traffic: Traffic
) -> None:
    user = staff_user(username="organiser1", role="organiser")
    sign_in(page, live_server.url, user.username, current_code(user))
    page.wait_for_url(live_server.url + "/staff/")
    for path in ["auth/user/", f"auth/user/{user.pk}/change/", "auth/group/add/"]:
        for prefix in ["", "/fa"]:
            response = page.goto(f"{live_server.url}{prefix}/staff/{path}")
            assert response is not None and response.status == 200
            page.wait_for_load_state("networkidle")
    assert traffic.problems() == {}


def test_it_shows_the_reason_when_the_code_is_wrong(
    page: Page, live_server: LiveServer, traffic: Traffic
) -> None:
    user = staff_user()
    sign_in(page, live_server.url, user.username, "000000")
    assert page.get_by_role("alert").inner_text() == (
        "Wrong username, password or code. Check them and try again."
    )
    assert page.locator("#id_username").input_value() == user.username  # kept what was typed
    assert traffic.problems() == {}


@pytest.mark.parametrize(
    ("prefix", "button", "heading"),
    [
        ("", "Issue an enrolment invitation", "Campaign administration"),
        ("/fa", "صدور دعوت‌نامهٔ راه‌اندازی", "مدیریت کارزار"),
    ],
)
def test_it_enrols_a_new_staff_user_with_an_organisers_invitation_on_a_phone(
    new_page: Callable[..., Page],
    live_server: LiveServer,
    settings: SettingsWrapper,
    traffic: Traffic,
    prefix: str,
    button: str,
    heading: str,
) -> None:
    settings.FREETHEM_SITE_URL = live_server.url
    organiser = staff_user(username="organiser1", role="organiser")
    newcomer = staff_user(username="newcomer", with_device=False)
    desk = new_page()
    sign_in(desk, live_server.url, organiser.username, current_code(organiser))
    desk.wait_for_url(live_server.url + "/staff/")
    desk.goto(f"{live_server.url}{prefix}/staff/auth/user/{newcomer.pk}/change/")
    desk.get_by_role("button", name=button).click()
    link = desk.locator("#invitation-link").input_value()
    assert link.startswith(f"{live_server.url}{prefix}/staff/enrol/")

    phone = new_page(viewport={"width": 360, "height": 740})
    phone.goto(link)  # first the password: the link alone is not enough
    phone.locator("#id_username").fill(newcomer.username)
    phone.locator("#id_password").fill(PASSWORD)
    phone.keyboard.press("Enter")
    phone.wait_for_url(f"{live_server.url}{prefix}/staff/enrol/?next=*")
    secret = phone.locator("code.secret").inner_text()  # as a person types it into an app
    assert phone.locator(".qr svg").count() == 1
    phone.locator("#id_code").fill(f"{TOTP(b32decode(secret)).token():06d}")
    phone.keyboard.press("Enter")

    phone.wait_for_url(f"{live_server.url}{prefix}/staff/")
    assert phone.get_by_text(heading).count() >= 1
    assert traffic.problems() == {}

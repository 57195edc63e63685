"""The appeals' staff pages and the outbox in a real browser, under the CSP, in both languages."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from freethem.appeals.tests.test_admin_support import make_appeal, make_signature
from freethem.core.tests.factories import PASSWORD, current_code, staff_user

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_runs_the_appeals_staff_pages_under_the_csp(
    page: Page, live_server: LiveServer, traffic: Traffic
) -> None:
    appeal = make_appeal()
    signature = make_signature(appeal, email="ada@example.org")
    user = staff_user(username="organiser1", role="organiser")
    page.goto(live_server.url + "/staff/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_code").fill(current_code(user))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/staff/")

    paths = [
        "appeals/appeal/", f"appeals/appeal/{appeal.pk}/change/", "appeals/signature/",
        f"appeals/signature/{signature.pk}/change/", "core/auditentry/", "outbox/",
    ]  # fmt: skip
    for path in paths:
        for prefix in ["", "/fa"]:
            response = page.goto(f"{live_server.url}{prefix}/staff/{path}")
            assert response is not None and response.status == 200, path
            page.wait_for_load_state("networkidle")

    page.goto(f"{live_server.url}/staff/appeals/appeal/{appeal.pk}/change/")
    page.get_by_role("button", name="Pause signing").click()
    page.get_by_role("button", name="Resume signing").wait_for()  # the page came back paused
    assert page.get_by_text("Signing is paused").count() >= 1
    assert traffic.problems() == {}

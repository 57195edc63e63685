"""Signing in a real browser on a phone with JavaScript off, in English and in Persian, and
confirming through the button on the page the mail links to: the page then says the signature
counts once checked, never that it "is confirmed"."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.core.mail import EmailMessage
from django.core.management import call_command

from freethem.appeals.models import Signature
from freethem.appeals.tests.factories import confirm_link, make_appeal

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
WILL_COUNT = {"": "will count once it has been checked", "/fa": "پس از بررسی شمرده می‌شود"}


@pytest.mark.parametrize(("prefix", "name"), [("", "Ada Lovelace"), ("/fa", "لیلا احمدی")])
def test_it_signs_and_confirms_on_a_phone_without_javascript(
    new_page: Callable[..., Page],
    live_server: LiveServer,
    traffic: Traffic,
    mailoutbox: list[EmailMessage],
    prefix: str,
    name: str,
) -> None:
    appeal = make_appeal(featured=True)
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(f"{live_server.url}{prefix}/appeal/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.fill("#id_name", name)
    page.fill("#id_email", "signer@example.org")
    page.select_option("#id_country", "IR")
    page.check("#id_display_1")  # first name and country
    page.locator("form.sign-form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}{prefix}/appeals/{appeal.slug}/sent/")
    assert page.locator("main h1").count() == 1

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    link = confirm_link(mailoutbox[-1])
    assert link.startswith(f"{prefix}/appeals/")
    page.goto(live_server.url + link)
    assert Signature.objects.get().state == "pending"  # opening the page is not confirming
    page.locator("form.confirm button").click()
    page.wait_for_url(f"**{prefix}/appeals/{appeal.slug}/you/**")
    signature = Signature.objects.get()
    assert signature.state == "confirmed"
    assert signature.language == (prefix.strip("/") or "en")
    assert signature.public_name == name.split()[0]
    # Signed without the browser check (JavaScript off): held for review, not yet counted,
    # and the page says so plainly rather than that the signature "is confirmed".
    assert signature.held and not signature.counts
    lead = page.locator("main .lead").inner_text()
    assert "is confirmed" not in lead and "تأیید شد" not in lead
    assert WILL_COUNT[prefix] in lead
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert traffic.problems() == {}

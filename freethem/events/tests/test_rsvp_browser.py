"""RSVP in a real browser on a phone, with JavaScript off, in English and in Persian: the form's
problems in a summary that takes the focus, "check your email", and confirming through the
button on the page the mail links to."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.core.mail import EmailMessage
from playwright.sync_api import expect

from freethem.events.models import Rsvp
from freethem.events.tests.factories import make_event
from freethem.events.tests.rsvp_factories import deliver, rsvp_link
from freethem.events.vocab import RsvpState

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
GOING = {"": "You're going", "/fa": "ثبت‌نام شما قطعی شد"}
PROBLEM = {"": "There is a problem", "/fa": "مشکلی وجود دارد"}


@pytest.mark.parametrize(("prefix", "name"), [("", "Ada Lovelace"), ("/fa", "لیلا احمدی")])
def test_it_rsvps_and_confirms_on_a_phone_without_javascript(
    new_page: Callable[..., Page],
    site_url: str,
    traffic: Traffic,
    mailoutbox: list[EmailMessage],
    prefix: str,
    name: str,
) -> None:
    event = make_event(capacity=20, address_private=True, address="12 Private Road")
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(f"{site_url}{prefix}/events/{event.slug}/rsvp/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert "12 Private Road" not in page.content()

    page.fill("#id_name", name)
    page.fill("#id_email", "not an address")
    page.locator("form.rsvp-form button[type=submit]").click()
    summary = page.locator(".error-summary")
    assert PROBLEM[prefix] in summary.inner_text()
    expect(page.locator("#error-summary")).to_be_focused()  # autofocus lands after load
    assert page.input_value("#id_name") == name  # what was typed is kept

    page.fill("#id_email", "guest@example.org")
    page.locator("form.rsvp-form button[type=submit]").click()
    page.wait_for_url(f"{site_url}{prefix}/events/{event.slug}/rsvp/sent/")
    assert page.locator("main h1").count() == 1

    deliver()
    link = rsvp_link(mailoutbox[-1])
    assert link.startswith(f"{prefix}/events/rsvp/")
    page.goto(site_url + link)
    assert Rsvp.objects.get().state == RsvpState.PENDING  # opening the page is not confirming
    page.locator("button[value=confirm]").click()
    page.wait_for_load_state()
    rsvp = Rsvp.objects.get()
    assert rsvp.state == RsvpState.GOING
    assert (rsvp.name, rsvp.language) == (name, prefix.strip("/") or "en")
    assert GOING[prefix] in page.locator("main h1").inner_text()
    assert "12 Private Road" in page.locator(".rsvp-place").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert traffic.problems() == {}

"""Giving in a real browser. On a phone without JavaScript, in English and Persian: a bad
amount gets a summary that takes the focus; an amount in Persian digits starts a pending gift,
and the browser follows the redirect to the processor's page on another origin (which the
drive's page allows the form to reach: form-action). With JavaScript, the drive's page puts a
newly confirmed gift into its progress without being reloaded. (The "processor" is a tiny
server on another loopback port: nothing leaves the machine.)"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from pytest_django.fixtures import Settings

from freethem.actions.models import Gift
from freethem.actions.services.support import gift_confirm
from freethem.actions.tests.factories import make_drive
from freethem.actions.vocab import GiftState

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
PROBLEM = {"": "There is a problem", "/fa": "مشکلی وجود دارد"}


class HostedPage(BaseHTTPRequestHandler):
    """The processor's hosted payment page: a page on another origin, and nothing more."""

    def do_GET(self) -> None:
        body = b"<!doctype html><title>Pay</title><h1>Pay</h1>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def processor(settings: Settings) -> Iterator[str]:
    """A stand-in for the processor, on loopback (another port: another origin), configured."""
    server = ThreadingHTTPServer(("localhost", 0), HostedPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.FREETHEM_PAYMENT_URL = f"http://localhost:{server.server_address[1]}/pay/test_1"
    settings.FREETHEM_PAYMENT_WEBHOOK_SECRET = "whsec_browser"
    try:
        yield settings.FREETHEM_PAYMENT_URL
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("prefix", ["", "/fa"])
def test_it_gives_on_a_phone_without_javascript(
    new_page: Callable[..., Page],
    site_url: str,
    traffic: Traffic,
    processor: str,
    prefix: str,
) -> None:
    drive = make_drive(slug="back-cover")
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(f"{site_url}{prefix}/support/back-cover/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.check("#id_preset_5")  # "Other"
    page.fill("#id_other", "1e9")
    page.locator("form.give-form button[type=submit]").click()
    assert PROBLEM[prefix] in page.locator(".error-summary").inner_text()
    expect(page.locator("#error-summary")).to_be_focused()
    assert not Gift.objects.exists()

    page.fill("#id_other", "۱۰۰")
    page.fill("#id_public_name", "آرش")
    page.check("#id_named")
    page.locator("form.give-form button[type=submit]").click()
    page.wait_for_url(f"{processor}?*")
    gift = Gift.objects.get()
    assert (gift.drive, gift.amount, gift.state) == (drive, Decimal(100), GiftState.PENDING)
    assert parse_qs(urlsplit(page.url).query)["client_reference_id"] == [gift.reference]
    assert traffic.problems() == {}


def test_it_shows_a_confirmed_gift_without_a_reload(
    page: Page, site_url: str, traffic: Traffic, processor: str
) -> None:
    drive = make_drive(slug="back-cover")
    page.goto(f"{site_url}/support/back-cover/")
    raised = page.locator("[data-live=raised]")
    assert raised.inner_text() == "$0"
    Gift.objects.create(
        drive=drive, source="online", amount=Decimal(1), currency="USD", reference="ref-1"
    )
    gift_confirm(reference="ref-1", amount=Decimal(3000), currency="USD")
    # The script asks again when the tab becomes visible (and every 30 seconds).
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(raised).to_have_text("$3,000")
    assert page.locator("[data-live=percent]").inner_text() == "20% of the goal"
    assert page.locator(".progress-bar .fill").get_attribute("width") == "20.00%"
    assert traffic.problems() == {}

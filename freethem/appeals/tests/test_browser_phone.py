"""Signing on a phone (360 px), in English and in Persian, in a real browser: a failed submit
opens on the error summary, whose links go to the fields; "Sign now" goes to the form; a
mistyped address is met with the likely one, taken with one press."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from freethem.appeals.models import Appeal, Signature
from freethem.appeals.tests.factories import make_appeal

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
LANGUAGES = pytest.mark.parametrize("prefix", ["", "/fa"], ids=["en", "fa"])
SIGN = "form.sign-form button[type=submit]:not([name])"

IN_VIEW = """(element) => {
  const box = element.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
}"""


def focused_id(page: Page) -> str:
    return page.evaluate("document.activeElement.id")


def in_view(locator: Locator) -> bool:
    return locator.evaluate(IN_VIEW)


def fits_the_phone(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@LANGUAGES
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_it_opens_a_failed_submit_on_the_error_summary_whose_links_go_to_the_fields(
    new_page: Callable[..., Page],
    live_server: LiveServer,
    traffic: Traffic,
    prefix: str,
    javascript: bool,
) -> None:
    appeal = make_appeal()
    page = new_page(viewport=PHONE, java_script_enabled=javascript)
    page.goto(f"{live_server.url}{prefix}/appeals/{appeal.slug}/")
    page.fill("#id_email", "ada@example.org")
    page.locator(SIGN).click()
    page.wait_for_url(f"**{prefix}/appeals/{appeal.slug}/sign/")

    summary = page.locator("#error-summary")
    # The browser applies autofocus once the page has loaded, a moment after the address
    # changes: wait for it (a page that never focuses the summary fails here).
    page.wait_for_function("document.activeElement.id === 'error-summary'", timeout=5000)
    assert in_view(summary)
    assert summary.bounding_box()["y"] < PHONE["height"] / 2  # high on the screen
    assert fits_the_phone(page)
    links = summary.locator("a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "#id_name",
        "#id_country",
    ]
    for i, target in enumerate(["id_name", "id_country"]):
        links.nth(i).click()
        assert focused_id(page) == target
        assert in_view(page.locator(f"#{target}"))
        # The field's label and its message stay in sight above it.
        assert in_view(page.locator(f"label[for={target}]"))
        assert in_view(page.locator(f"#{target}_error"))
    assert traffic.problems() == {}


@LANGUAGES
def test_it_goes_to_the_form_from_sign_now(
    new_page: Callable[..., Page], live_server: LiveServer, traffic: Traffic, prefix: str
) -> None:
    appeal = make_appeal()
    long_text = "\n\n".join(["Free them."] + ["All of them, every one. " * 20] * 12)
    Appeal.objects.update(text_en=long_text, text_fa=long_text)
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}{prefix}/appeals/{appeal.slug}/")
    sign_now = page.locator(".sign-now a")
    assert in_view(sign_now)  # near the top of the page
    form = page.locator("form.sign-form")
    # On a phone the form comes before the rest of the text, however long it is.
    text = page.locator(".appeal-text")
    assert form.bounding_box()["y"] < text.bounding_box()["y"]
    sign_now.click()
    page.wait_for_url(f"**{prefix}/appeals/{appeal.slug}/#sign")
    assert in_view(page.locator("#sign-title"))
    page.keyboard.press("Tab")
    assert focused_id(page) == "id_name"
    assert fits_the_phone(page)
    assert traffic.problems() == {}


@LANGUAGES
def test_it_suggests_the_address_meant_and_signs_with_it_in_one_press(
    new_page: Callable[..., Page], live_server: LiveServer, traffic: Traffic, prefix: str
) -> None:
    appeal = make_appeal()
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}{prefix}/appeals/{appeal.slug}/")
    page.fill("#id_name", "Ada Lovelace")
    page.fill("#id_email", "someone@gmial.com")
    page.select_option("#id_country", "GB")
    page.locator(SIGN).click()
    page.wait_for_url(f"**{prefix}/appeals/{appeal.slug}/sign/")

    message = page.locator("#id_email_error").inner_text()
    assert "someone@gmail.com" in message
    assert "someone@gmail.com" in page.locator("#error-summary").inner_text()
    use = page.locator("button[name=use_suggestion]")
    assert "someone@gmail.com" in use.inner_text()
    assert in_view(page.locator("#error-summary"))
    assert fits_the_phone(page)
    use.click()
    page.wait_for_url(f"**{prefix}/appeals/{appeal.slug}/sent/")

    signature = Signature.objects.get()
    assert signature.email == "someone@gmail.com"
    # The one press waited for the browser check: signed as any signer with JavaScript.
    assert (signature.held, signature.suspect) == (False, False)
    assert traffic.problems() == {}

"""An urgent action in a real browser on a phone, in English and in Persian: the visitor takes
the action (the count moves), writes a letter with their name, sees it filled in and downloads
it as a PDF holding the prisoner's name and theirs."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from freethem.actions.models import UrgentAction
from freethem.actions.tests.factories import make_urgent_action
from freethem.prisoners.tests.factories import make_person

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
PEOPLE = {"": "1 person took this action", "/fa": "۱"}


@pytest.mark.parametrize(
    ("prefix", "supporter", "prisoner"),
    [("", "Ada Lovelace", "Reza Karimi"), ("/fa", "لیلا احمدی", "رضا کریمی")],
)
def test_it_takes_the_action_and_writes_a_letter_on_a_phone(
    new_page: Callable[..., Page],
    site_url: str,
    traffic: Traffic,
    prefix: str,
    supporter: str,
    prisoner: str,
) -> None:
    action = make_urgent_action(prisoner=make_person(name_latin="Reza Karimi", name_fa="رضا کریمی"))
    page = new_page(viewport=PHONE, accept_downloads=True)
    page.goto(f"{site_url}{prefix}/urgent-actions/{action.slug}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.locator(f"form[action='{prefix}/urgent-actions/{action.slug}/take/'] button").click()
    page.wait_for_url(f"**{prefix}/urgent-actions/{action.slug}/?thanks=1#take")
    assert UrgentAction.objects.get(pk=action.pk).taken_count == 1
    assert PEOPLE[prefix] in page.locator(".ua-count").inner_text()
    expect(page.locator(".ua-thanks")).to_be_visible()

    page.locator(f"a[href='{prefix}/urgent-actions/{action.slug}/letter/']").click()
    page.fill("#id_name", supporter)
    page.fill("#id_town", "Oslo")
    page.locator("form.ua-form button[type=submit]").click()
    paper = page.locator(".ua-paper")
    assert supporter in paper.inner_text() and prisoner in paper.inner_text()
    expect(page.locator("button.ua-copy")).to_be_visible()  # JavaScript showed the copy button
    assert page.locator("a[href^='mailto:info@example.org?cc=']").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    with page.expect_download() as download:
        page.locator(
            f"form[action='{prefix}/urgent-actions/{action.slug}/letter/pdf/'] button"
        ).click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"%PDF-")
    text = " ".join(PdfReader(BytesIO(content)).pages[0].extract_text().split())
    assert supporter in text and prisoner in text
    assert traffic.problems() == {}

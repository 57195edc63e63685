"""The action centre in a real browser on a phone, with JavaScript off, in English and in
Persian: a supporter says "I did this" with the keyboard and is counted, once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

from freethem.actions.models import Action
from freethem.actions.tests.factories import make_action
from freethem.actions.vocab import ActionKind

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
COUNTED = {"": "1 person has done this", "/fa": "۱ نفر این کار را کرده است"}
THANKED = {"": "Thank you. You have been counted.", "/fa": "سپاسگزاریم. شما شمرده شدید."}


@pytest.mark.parametrize("prefix", ["", "/fa"])
def test_it_counts_i_did_this_on_a_phone_without_javascript(
    new_page: Callable[..., Page], site_url: str, traffic: Traffic, prefix: str
) -> None:
    make_action(slug="tell-a-friend", kind=ActionKind.SHARE, position=0)
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(f"{site_url}{prefix}/act/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    step = page.locator("#tell-a-friend")
    step.locator("button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site_url}{prefix}/act/#tell-a-friend")
    assert THANKED[prefix] in page.locator(".messages").inner_text()
    assert COUNTED[prefix] in step.locator(".step-count").inner_text()
    assert step.locator("button[type=submit]").count() == 0  # said once, not asked again
    assert Action.objects.get(slug="tell-a-friend").done_count == 1
    assert traffic.problems() == {}

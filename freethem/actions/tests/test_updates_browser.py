"""Updates in a real browser: a video loads nothing from its site until the visitor presses
the button (and then only the privacy-enhanced player, which the page's CSP lets in); without
JavaScript it stays a link. Following a prisoner on a phone without JavaScript, in English and
Persian: the form's problem, "check your email", and the button on the mailed link's page."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.core.mail import EmailMessage
from playwright.sync_api import expect

from freethem.actions.models import Follow, UpdateMedia
from freethem.actions.tests.factories import make_update
from freethem.actions.vocab import FollowState, MediaKind
from freethem.core.testing.axe import axe_violations, report
from freethem.events.tests.rsvp_factories import deliver
from freethem.prisoners.tests.factories import make_person

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
PLAYER = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
LINK = re.compile(r"https?://[^/\s]+(/(?:fa/)?updates/following/[A-Za-z0-9_-]+/)\s")


def _video_update() -> str:
    update = make_update(title_en="Her speech")
    UpdateMedia.objects.create(
        update=update,
        kind=MediaKind.VIDEO,
        url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        title="The speech in Oslo",
    )
    return f"/updates/{update.slug}/"


def test_it_loads_the_player_only_when_asked(
    new_page: Callable[..., Page], site_url: str, traffic: Traffic
) -> None:
    path = _video_update()
    page = new_page(viewport=PHONE)
    page.goto(site_url + path)
    button = page.get_by_role("button", name="Load the video here")
    assert button.is_visible()
    assert page.locator("iframe").count() == 0
    assert traffic.problems() == {}  # nothing from another host so far
    button.click()
    frame = page.locator("iframe.media-frame")
    assert frame.get_attribute("src") == PLAYER
    assert frame.get_attribute("title") == "The speech in Oslo"
    page.wait_for_timeout(200)
    assert traffic.outside == [PLAYER]  # the player, and only once asked (stopped by the test)
    assert not [text for text in traffic.console_errors if "Content Security Policy" in text]


def test_it_keeps_a_plain_link_without_javascript(
    new_page: Callable[..., Page], site_url: str, traffic: Traffic
) -> None:
    path = _video_update()
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(site_url + path)
    assert not page.get_by_role("button", name="Load the video here").is_visible()
    link = page.get_by_role("link", name="Watch on youtube.com")
    assert link.get_attribute("href") == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert traffic.problems() == {}


@pytest.mark.parametrize(
    ("prefix", "problem", "following"),
    [
        ("", "There is a problem", "You follow"),
        ("/fa", "مشکلی وجود دارد", "شما"),
    ],
)
def test_it_follows_a_prisoner_on_a_phone_without_javascript(
    new_page: Callable[..., Page],
    site_url: str,
    traffic: Traffic,
    mailoutbox: list[EmailMessage],
    prefix: str,
    problem: str,
    following: str,
) -> None:
    person = make_person(name_latin="Nasrin Sotoudeh", name_fa="نسرین ستوده")
    page = new_page(viewport=PHONE, java_script_enabled=False)
    page.goto(f"{site_url}{prefix}/prisoners/{person.slug}/")
    page.fill("#follow-email", "not an address")
    page.locator("form.follow-form button[type=submit]").click()
    assert problem in page.locator(".error-summary").inner_text()
    expect(page.locator("#error-summary")).to_be_focused()  # autofocus lands after load
    assert page.input_value("#follow-email") == "not an address"
    page.fill("#follow-email", "reader@example.org")
    page.locator("form.follow-form button[type=submit]").click()
    page.wait_for_url(f"{site_url}{prefix}/updates/follow/{person.slug}/sent/")
    deliver()
    match = LINK.search(mailoutbox[-1].body)
    assert match, mailoutbox[-1].body
    page.goto(site_url + match.group(1))
    assert Follow.objects.get().state == FollowState.PENDING  # opening the page is not confirming
    page.locator("form.follow-action button").click()
    page.wait_for_load_state()
    assert Follow.objects.get().state == FollowState.CONFIRMED
    assert following in page.locator(".follow-state").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert traffic.problems() == {}


def test_it_meets_wcag_aa_on_the_updates_pages_in_both_languages(
    new_page: Callable[..., Page], site_url: str, traffic: Traffic
) -> None:
    person = make_person(name_latin="Nasrin Sotoudeh", name_fa="نسرین ستوده")
    path = _video_update()
    make_update(title_en="About her", prisoners=(person,))
    page = new_page(viewport=PHONE)
    violations = []
    for prefix in ("", "/fa"):
        for where in ("/updates/", path, f"/prisoners/{person.slug}/"):
            page.goto(f"{site_url}{prefix}{where}")
            violations += axe_violations(page, f"{prefix}{where}")
    assert not violations, report(violations)
    assert traffic.problems() == {}

"""The events' pages in a real browser, in English and Persian, on a phone and a desktop:
under the site's CSP with nothing fetched from another host, the event reached from the list
and its calendar file from its page with the keyboard alone, and the photo shown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from freethem.events.tests.factories import make_event
from freethem.events.tests.test_photos import add_photo

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
def test_it_reaches_an_event_and_its_calendar_file_by_keyboard_in_both_languages(
    new_page: Callable[..., Page],
    site_url: str,
    traffic: Traffic,
    settings: object,
    tmp_path: Path,
    width: int,
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    make_event(slug="vigil")
    past = make_event(slug="rally", title="Rally", title_fa="گردهمایی", starts_in=timedelta(-9))
    add_photo(past, alt="Candles on the steps")
    page = new_page(viewport={"width": width, "height": 800}, accept_downloads=True)
    for prefix, title in (("", "Vigil for Iran's political prisoners"), ("/fa", "شب‌زنده‌داری")):
        page.goto(f"{site_url}{prefix}/events/")
        link = page.get_by_role("link", name=title)
        link.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(f"{site_url}{prefix}/events/vigil/")
        calendar = page.locator("a[href$='vigil.ics']")
        calendar.focus()
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        assert download.value.suggested_filename.startswith("vigil")
        page.goto(f"{site_url}{prefix}/events/rally/")
        photo = page.get_by_role("img", name="Candles on the steps")
        photo.scroll_into_view_if_needed()  # loaded lazily
        loaded = "(img) => img.complete && img.naturalWidth > 0"
        page.wait_for_function(loaded, arg=photo.element_handle())
    assert traffic.problems() == {}

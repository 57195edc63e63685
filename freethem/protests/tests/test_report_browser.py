"""Reporting a protest in a real browser on a phone, in English and in Persian (the day typed
in the Solar Hijri calendar, in Persian digits): the browser check (proof of work) runs, the
report is kept for staff, and the page stays within the screen with nothing fetched from
another host and no console error."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from django.utils import timezone
from persiantools import digits
from persiantools.jdatetime import JalaliDate

from freethem.protests.models import ParticipantGroup, ProtestReport

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.mark.parametrize(
    ("prefix", "town", "what"),
    [
        ("", "Mashhad", "Retirees gathered outside the pension fund."),
        ("/fa", "مشهد", "بازنشستگان مقابل صندوق بازنشستگی تجمع کردند."),
    ],
)
def test_it_reports_a_protest_on_a_phone(
    new_page: Callable[..., Page],
    live_server: LiveServer,
    traffic: Traffic,
    prefix: str,
    town: str,
    what: str,
) -> None:
    # Seeded by a migration, and flushed by the transactional test before this one.
    ParticipantGroup.objects.get_or_create(
        slug="retirees", defaults={"name_en": "Retirees", "name_fa": "بازنشستگان"}
    )
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}{prefix}/protests/report/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    day = timezone.localdate() - timedelta(days=1)
    if prefix:  # a Persian reporter types the Solar Hijri day, in Persian digits
        jalali = JalaliDate.to_jalali(day)
        page.fill("#id_date", digits.en_to_fa(f"{jalali.year}/{jalali.month}/{jalali.day}"))
    else:
        page.fill("#id_date", day.isoformat())
    page.select_option("#id_province", "IR-09")
    page.fill("#id_location", town)
    page.fill("#id_description", what)
    page.check("input[name=groups][value=retirees]")
    page.fill("#id_links", "https://example.org/video")
    page.locator("form.report-form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}{prefix}/protests/report/thanks/")
    assert page.locator("main h1").count() == 1
    report = ProtestReport.objects.get()
    assert (report.location, report.description, report.province) == (town, what, "IR-09")
    assert report.date == day
    assert report.language == (prefix.strip("/") or "en")
    assert [group.slug for group in report.groups.all()] == ["retirees"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert traffic.problems() == {}

"""The protest tracker's staff pages in a real browser: under the CSP, in both languages, with
nothing fetched from elsewhere; a merge and a report's decision made with the keyboard."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from freethem.core.tests.factories import PASSWORD, current_code, staff_user
from freethem.protests.models import Protest, ProtestReport
from freethem.protests.tests.factories import make_protest
from freethem.protests.vocab import Province, State

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

RECORDS = "/staff/protests/protest/"


def sign_in(page: Page, base: str, role: str) -> None:
    user = staff_user(username=f"{role}1", role=role)
    page.goto(base + "/staff/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_code").fill(current_code(user))
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/staff/")


def shoot(page: Page, name: str) -> None:
    """A screenshot for a person to look at, when RECORDS_SHOTS names a folder (never in CI)."""
    folder = os.environ.get("RECORDS_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def test_it_runs_the_protest_pages_under_the_csp_and_merges_with_the_keyboard(
    page: Page, live_server: LiveServer, traffic: Traffic
) -> None:
    sign_in(page, live_server.url, "researcher")
    place = {"province": Province.KHUZESTAN, "location": "Ahvaz", "date": date(2026, 10, 4)}
    first = make_protest(sources=("HRANA",), fatalities=2, groups=("retirees",), **place)
    second = make_protest(sources=("Hengaw",), fatalities=1, groups=("workers",), **place)
    report = ProtestReport.objects.create(
        date=date(2026, 10, 8), province=Province.KERMANSHAH, location="Kermanshah",
        description="Nurses gathered outside the hospital.", contact="signal: +44 7700 900123",
    )  # fmt: skip
    paths = [
        "",
        "?scope=inside&month=2026-10",
        "add/",
        f"{first.pk}/change/",
        "duplicates/",
        f"merge/?ids={first.pk},{second.pk}",
        f"../protestreport/{report.pk}/change/",
        "../protestreport/",
        "../wave/add/",
    ]
    for width in (360, 1280) if os.environ.get("RECORDS_SHOTS") else (1280,):
        page.set_viewport_size({"width": width, "height": 900})
        for prefix in ("", "/fa"):
            for number, path in enumerate(paths):
                response = page.goto(f"{live_server.url}{prefix}{RECORDS}{path}")
                assert response is not None and response.status == 200, (prefix, path)
                page.wait_for_load_state("networkidle")
                shoot(page, f"{width}-{prefix.strip('/') or 'en'}-{number}")
    assert traffic.problems() == {}

    page.goto(f"{live_server.url}{RECORDS}merge/?ids={first.pk},{second.pk}")
    merge = page.get_by_role("button", name=f"Merge into {first.event_id}")
    merge.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}{RECORDS}{first.pk}/change/")
    second.refresh_from_db()
    assert (second.state, second.merged_into_id) == (State.ARCHIVED, first.pk)
    assert Protest.objects.get(pk=first.pk).fatalities == 1

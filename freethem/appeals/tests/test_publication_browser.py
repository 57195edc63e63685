"""The print PDF's staff pages in a real browser, under the CSP, in both languages and at phone
and desktop widths: the form, the job page with its progress, then page 1 as a picture.
With FREETHEM_SHOTS=<dir>, each page is also saved there as a PNG to look at."""

from __future__ import annotations

# ruff: noqa: E402 - the imports below wait for the check that Pango is here
from freethem.appeals import printing
from freethem.core.testing.requires import require_module_level

require_module_level(printing.unavailable())


import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.core.management import call_command

from freethem.appeals.tests.test_admin_support import make_appeal, make_signature
from freethem.core.tests.factories import PASSWORD, current_code, staff_user

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LATIN = [
    "Ada",
    "Grace",
    "Maryam",
    "John",
    "Ali",
    "Sara",
    "Hossein",
    "Anna",
    "Reza",
    "Claire",
    "Léa",
    "Jürgen",
]
FAMILY = [
    "Smith",
    "Mohammadi",
    "Karimi",
    "Dubois",
    "Nguyen",
    "Rostami",
    "Okafor",
    "García",
    "Müller",
]
PERSIAN = ["نرگس", "علی", "مریم", "حسین", "سارا", "رضا", "شیرین", "نسرین"]
PERSIAN_FAMILY = ["محمدی", "کریمی", "رستمی", "حسینی", "ستوده", "عبادی"]
TEXT_EN = (
    "We, the undersigned, call for the immediate and unconditional release of Narges "
    "Mohammadi and of every person imprisoned in Iran for their beliefs, their writing or "
    "their peaceful protest.\n\nThey are teachers, lawyers, journalists, students and workers. "
    "Their only crime is to have spoken. We ask every government to raise their cases."
)
TEXT_FA = (
    "ما امضاکنندگان زیر خواهان آزادی فوری و بی‌قیدوشرط نرگس محمدی و همهٔ کسانی هستیم که در "
    "ایران به سبب باور، نوشته یا اعتراض مسالمت‌آمیزشان زندانی‌اند.\n\nآنان آموزگار، وکیل، "
    "روزنامه‌نگار، دانشجو و کارگرند. تنها جرمشان سخن گفتن است."
)
COUNTRIES = ["IR", "DE", "FR", "GB", "US", "CA", "SE", "NL"]


def shoot(page: Page, name: str) -> None:
    if folder := os.environ.get("FREETHEM_SHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def signed_in(new_page: Callable[..., Page], url: str, width: int) -> Page:
    user = staff_user(username=f"organiser{width}", role="organiser")
    page = new_page(viewport={"width": width, "height": 900})
    page.goto(url + "/staff/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_code").fill(current_code(user))
    page.locator("#id_code").press("Enter")
    page.wait_for_url(url + "/staff/")
    return page


def test_it_makes_an_ad_from_the_staff_pages_in_both_languages(
    new_page: Callable[..., Page],
    live_server: LiveServer,
    traffic: Traffic,
    settings: object,
    tmp_path: Path,
) -> None:
    settings.DATA_DIR = tmp_path
    appeal = make_appeal()
    appeal.title_en = "Free Narges Mohammadi and every prisoner of conscience"
    appeal.title_fa = "نرگس محمدی و همهٔ زندانیان عقیدتی را آزاد کنید"
    appeal.text_en = TEXT_EN
    appeal.text_fa = TEXT_FA
    appeal.save()
    for i in range(160):
        given, family = (PERSIAN, PERSIAN_FAMILY) if i % 3 == 0 else (LATIN, FAMILY)
        name = f"{given[i % len(given)]} {family[(i // len(given)) % len(family)]}"
        make_signature(appeal, email=f"s{i}@example.org", name=name, country=COUNTRIES[i % 8])
    make_signature(
        appeal, email="n@example.org", name="Shirin Ebadi", country="IR", notable=True,
        affiliation="Nobel Peace laureate",
    )  # fmt: skip

    for width in (360, 1280):
        page = signed_in(new_page, live_server.url, width)
        for prefix, language in (("", "en"), ("/fa", "fa")):
            page.goto(f"{live_server.url}{prefix}/staff/appeals/publication/add/")
            shoot(page, f"form-{language}-{width}")
            page.locator("#id_appeal").select_option(str(appeal.pk))
            page.locator("#id_language").select_option(language)
            page.locator("#id_preset").select_option("tabloid" if width == 1280 else "a4")
            page.locator("input[type=submit]").click()
            page.wait_for_url("**/job/")
            assert page.locator("meta[http-equiv=refresh]").count() == 1
            shoot(page, f"job-queued-{language}-{width}")

            call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
            # The page reloads itself, and shows the picture once the PDF is made.
            preview = page.locator("img.preview")
            preview.wait_for(timeout=30_000)
            assert page.locator("meta[http-equiv=refresh]").count() == 0
            assert preview.evaluate("image => image.complete && image.naturalWidth > 1000")
            shoot(page, f"job-done-{language}-{width}")
            response = page.goto(f"{live_server.url}{prefix}/staff/appeals/publication/")
            assert response is not None and response.status == 200
    assert traffic.problems() == {}

"""The case database's staff pages in a real browser: under the CSP, in both languages, with
nothing fetched from elsewhere, and a person entered with the keyboard alone."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import pytest
from reversion.models import Version

from freethem.core.tests.factories import PASSWORD, current_code, staff_user
from freethem.prisoners.models import Person
from freethem.prisoners.tests.factories import make_case, make_event, make_person, make_source

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

    from freethem.core.testing.browser import Traffic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Page, base: str, role: str) -> None:
    user = staff_user(username=f"{role}1", role=role)
    page.goto(base + "/staff/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_code").fill(current_code(user))
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/staff/")


def test_it_runs_the_case_database_pages_under_the_csp_in_both_languages(
    page: Page, live_server: LiveServer, traffic: Traffic
) -> None:
    sign_in(page, live_server.url, "organiser")
    person = make_person(name_latin="Nasrin Sotoudeh", name_fa="نسرین ستوده")
    case = make_case(person, arrested_on=datetime.date(2018, 6, 13), sources=[make_source()])
    make_event(person, occurred_on=datetime.date(2018, 6, 13))
    base = f"{live_server.url}{{prefix}}/staff/prisoners/person/"
    for _ in range(2):  # two versions to compare
        page.goto(base.format(prefix="") + f"{person.pk}/change/")
        page.get_by_role("button", name="Save", exact=True).click()
        page.wait_for_url(base.format(prefix=""))
    versions = list(Version.objects.get_for_object(person).order_by("pk"))
    assert len(versions) == 2
    paths = [
        "",
        "?q=ستوده",
        "add/",
        f"{person.pk}/change/",
        f"{person.pk}/history/",
        f"{person.pk}/history/compare/?version_id1={versions[0].pk}&version_id2={versions[-1].pk}",
        f"{person.pk}/history/{versions[0].pk}/",
        "import/",
        f"../case/{case.pk}/change/",
        "../source/",
        "../prison/add/",
    ]
    for prefix in ("", "/fa"):
        for path in paths:
            response = page.goto(base.format(prefix=prefix) + path)
            assert response is not None and response.status == 200, (prefix, path)
            page.wait_for_load_state("networkidle")
    assert traffic.problems() == {}


def test_it_finds_a_source_by_autocomplete_for_a_timeline_event(
    page: Page, live_server: LiveServer, traffic: Traffic
) -> None:
    sign_in(page, live_server.url, "researcher")
    make_source(title="Amnesty urgent action")
    page.goto(live_server.url + "/staff/prisoners/person/add/")
    page.locator("#events-group summary").click()  # the timeline is folded
    page.locator("#id_events-0-sources").locator("..").locator(".select2-selection").click()
    page.keyboard.type("urgent")
    option = page.get_by_role("option", name="Amnesty urgent action")
    option.wait_for()
    option.click()
    assert traffic.problems() == {}


def test_it_adds_a_person_with_a_solar_hijri_date_using_the_keyboard(
    page: Page, live_server: LiveServer, traffic: Traffic
) -> None:
    sign_in(page, live_server.url, "researcher")
    page.goto(live_server.url + "/fa/staff/prisoners/person/add/")
    page.locator("#id_name_fa").fill("سپیده قلیان")
    page.locator("#id_name_latin").fill("Sepideh Gholian")
    page.locator("#cases-group summary").press("Enter")  # the cases are folded: open them
    page.locator("#id_cases-0-arrested_on").fill("۱۳۹۹/۱۳/۱۰")
    page.locator("#id_cases-0-arrested_on").press("Enter")
    field = page.locator("#id_cases-0-arrested_on")
    field.wait_for()
    assert field.input_value() == "۱۳۹۹/۱۳/۱۰"  # kept, with the error beside it
    assert not Person.objects.exists()

    field.fill("آبان ۱۳۹۹")
    field.press("Enter")
    page.wait_for_url(live_server.url + "/fa/staff/prisoners/person/")
    case = Person.objects.get().cases.get()
    assert (case.arrested_on, case.arrested_on_text) == (datetime.date(2020, 10, 22), "آبان ۱۳۹۹")
    assert traffic.problems() == {}

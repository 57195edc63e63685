"""Protest records in the staff area: the list, a record's page and the state actions."""

from datetime import date

import pytest
from django.test import Client
from django.utils import translation

from freethem.prisoners.tests.test_admin_support import fill, form_data, signed_in
from freethem.protests.models import ParticipantGroup, Protest
from freethem.protests.services.records import NO_SOURCE
from freethem.protests.tests.factories import make_protest
from freethem.protests.vocab import Province, State

pytestmark = pytest.mark.django_db

RECORDS = "/staff/protests/protest/"


def test_it_lists_records_filtered_by_state_province_group_and_scope(client: Client) -> None:
    signed_in(client)
    make_protest(location="Ahvaz", province=Province.KHUZESTAN, groups=("retirees",))
    make_protest(location="Shush", province=Province.KHUZESTAN, groups=("workers",))
    make_protest(location="London", country="GB", province="", admin1="England")
    retirees = ParticipantGroup.objects.get(slug="retirees")
    found = client.get(
        RECORDS, {"province__exact": Province.KHUZESTAN, "groups__id__exact": retirees.pk}
    )
    assert b"Ahvaz" in found.content and b"Shush" not in found.content
    abroad = client.get(RECORDS, {"scope": "abroad"}).content
    assert b"London" in abroad and b"Ahvaz" not in abroad
    month = client.get(RECORDS, {"month": "2026-10"}).content
    assert b"London" in month


def test_it_refuses_to_publish_from_the_list_without_a_source_in_persian(client: Client) -> None:
    signed_in(client)
    bare = make_protest(state=State.DRAFT, sources=())
    cited = make_protest(state=State.REVIEW)
    response = client.post(
        f"/fa{RECORDS}",
        {"action": "publish", "_selected_action": [bare.pk, cited.pk]},
        follow=True,
    )
    bare.refresh_from_db()
    cited.refresh_from_db()
    assert (bare.state, cited.state) == (State.DRAFT, State.PUBLISHED)
    with translation.override("fa"):
        refusal = translation.gettext(NO_SOURCE)
    assert response.status_code == 200
    assert f"{bare.event_id}: {refusal}" in response.content.decode()


def test_it_gives_a_record_added_by_hand_our_next_id(client: Client) -> None:
    signed_in(client)
    make_protest(event_id="FTIRN7")
    response = client.post(
        f"{RECORDS}add/",
        {
            "date": "2026-10-05", "time_precision": "1", "event_type": "Protests",
            "sub_event_type": "Peaceful protest", "country": "IR", "province": Province.FARS,
            "location": "Shiraz", "geo_precision": "1", "actor1": "Protesters (Iran)",
            "fatalities": "0", "disorder_type": "Demonstrations", "region": "Middle East",
            "sources-TOTAL_FORMS": "1", "sources-INITIAL_FORMS": "0",
            "sources-0-name": "HRANA", "sources-0-url": "https://example.org/report",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[-3000:]
    added = Protest.objects.get(location="Shiraz")
    assert (added.event_id, added.state, added.sources.count()) == ("FTIRN8", State.DRAFT, 1)


def test_it_refuses_to_take_the_last_source_off_a_published_record(client: Client) -> None:
    signed_in(client)
    protest = make_protest()
    page = client.get(f"{RECORDS}{protest.pk}/change/")
    assert page.status_code == 200
    source = protest.sources.get()
    data = fill(form_data(page.content, "protest_form"), {"sources-0-DELETE": "on"})
    assert data["sources-0-id"] == [str(source.pk)]
    response = client.post(f"{RECORDS}{protest.pk}/change/", data)
    assert response.status_code == 200
    assert b"at least one source" in response.content
    assert protest.sources.count() == 1


def test_it_publishes_from_the_record_page(client: Client) -> None:
    signed_in(client)
    protest = make_protest(state=State.DRAFT)
    page = client.get(f"{RECORDS}{protest.pk}/change/").content.decode()
    assert 'name="move" value="publish"' in page and 'value="to_draft"' not in page
    client.post(f"{RECORDS}{protest.pk}/state/", {"move": "publish"})
    protest.refresh_from_db()
    assert protest.state == State.PUBLISHED


def test_it_filters_by_month_up_to_its_last_day(client: Client) -> None:
    signed_in(client)
    make_protest(location="Sabzevar", date=date(2026, 12, 31), province=Province.RAZAVI_KHORASAN)
    make_protest(location="Neyshabur", date=date(2027, 1, 1), province=Province.RAZAVI_KHORASAN)
    december = client.get(RECORDS, {"month": "2026-12"}).content
    assert b"Sabzevar" in december and b"Neyshabur" not in december
    assert client.get(RECORDS, {"month": "2026-13"}).status_code == 200

"""The merge tool and the possible duplicates in the staff area."""

from datetime import date

import pytest
from django.test import Client

from freethem.prisoners.tests.test_admin_support import signed_in
from freethem.protests.models import Protest
from freethem.protests.tests.factories import make_protest
from freethem.protests.vocab import Province, State

pytestmark = pytest.mark.django_db

RECORDS = "/staff/protests/protest/"


def same_protest_twice() -> tuple[Protest, Protest]:
    place = {"province": Province.ISFAHAN, "location": "Isfahan", "date": date(2026, 10, 6)}
    first = make_protest(sources=("HRANA",), fatalities=3, size_low=100, size_high=200, **place)
    second = make_protest(sources=("Hengaw",), fatalities=1, size_high=1000, **place)
    return first, second


def test_it_lists_possible_duplicates_with_a_link_to_merge_them(client: Client) -> None:
    signed_in(client)
    first, second = same_protest_twice()
    make_protest(province=Province.ISFAHAN, location="Kashan", date=date(2026, 10, 6))
    page = client.get(f"/fa{RECORDS}duplicates/").content.decode()
    assert first.event_id in page and second.event_id in page and "Kashan" not in page
    assert f"ids={first.pk}%2C{second.pk}" in page


def test_it_shows_what_the_merged_record_will_say_before_merging(client: Client) -> None:
    signed_in(client)
    first, second = same_protest_twice()
    response = client.post(
        RECORDS, {"action": "merge", "_selected_action": [first.pk, second.pk]}, follow=True
    )
    page = response.content.decode()
    assert response.status_code == 200 and f"Merge into {first.event_id}" in page
    assert "<strong>1</strong>" in page and "<strong>1000</strong>" in page  # lowest, widest
    assert Protest.objects.filter(merged_into__isnull=False).count() == 0  # nothing yet


def test_it_merges_on_confirmation_into_the_chosen_record(client: Client) -> None:
    signed_in(client)
    first, second = same_protest_twice()
    response = client.post(
        f"{RECORDS}merge/", {"ids": f"{first.pk},{second.pk}", "into": second.pk, "confirm": "yes"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{RECORDS}{second.pk}/change/"
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, first.merged_into, second.fatalities) == (State.ARCHIVED, second, 1)
    assert second.sources.count() == 2


def test_it_refuses_to_merge_records_of_different_days(client: Client) -> None:
    signed_in(client)
    first = make_protest(date=date(2026, 10, 6))
    second = make_protest(date=date(2026, 10, 7))
    response = client.post(
        f"{RECORDS}merge/", {"ids": f"{first.pk},{second.pk}", "confirm": "yes"}, follow=True
    )
    assert b"Only records of the same day are merged" in response.content
    assert not Protest.objects.filter(merged_into__isnull=False).exists()


def test_it_undoes_a_merge_from_the_absorbed_record_page(client: Client) -> None:
    signed_in(client)
    first, second = same_protest_twice()
    client.post(
        f"{RECORDS}merge/", {"ids": f"{first.pk},{second.pk}", "into": first.pk, "confirm": "yes"}
    )
    page = client.get(f"/fa{RECORDS}{second.pk}/change/").content.decode()
    assert 'name="move" value="unmerge"' in page
    response = client.post(f"{RECORDS}{second.pk}/state/", {"move": "unmerge"}, follow=True)
    assert b"The merge is undone" in response.content
    second.refresh_from_db()
    assert (second.state, second.merged_into, first.sources.count()) == (State.PUBLISHED, None, 1)

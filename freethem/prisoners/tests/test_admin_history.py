"""The revision history of a person in the staff area: who changed what and when, a diff
between two versions, and reverting to an earlier one, inlines included."""

import datetime

import pytest
from django.test import Client
from reversion.models import Version

from freethem.prisoners.models import Case, Event, Person
from freethem.prisoners.tests.factories import make_source
from freethem.prisoners.tests.test_admin_support import PEOPLE, fill, page_form, signed_in
from freethem.prisoners.vocab import EventKind

pytestmark = pytest.mark.django_db


def entered_and_changed(client: Client) -> Person:
    """A person added with an arrest on their timeline, then renamed with the event deleted."""
    source = make_source(title="HRANA report")
    added = fill(
        page_form(client, f"{PEOPLE}add/"),
        {
            "name_fa": "نرگس محمدی",
            "name_latin": "Narges Mohammadi",
            "cases-0-arrested_on": "آبان ۱۴۰۰",
            "events-0-kind": EventKind.ARREST,
            "events-0-occurred_on": "1400/08/25",
            "events-0-sources": str(source.pk),
        },
    )
    assert client.post(f"{PEOPLE}add/", added).status_code == 302
    person = Person.objects.get()
    url = f"{PEOPLE}{person.pk}/change/"
    changed = fill(
        page_form(client, url),
        {
            "name_latin": "N. Mohammadi",
            "events-0-DELETE": "on",
            "cases-0-arrested_on": "1400/08/25",
        },
    )
    assert client.post(url, changed).status_code == 302
    assert not Event.objects.exists()
    return person


def versions(person: Person) -> list[Version]:
    return list(Version.objects.get_for_object(person).order_by("pk"))


def test_it_shows_who_changed_what_and_when(client: Client) -> None:
    signed_in(client, username="researcher7")
    person = entered_and_changed(client)
    first, second = versions(person)
    assert first.revision.user.username == second.revision.user.username == "researcher7"

    html = client.get(f"{PEOPLE}{person.pk}/history/").content.decode()
    assert html.count("researcher7") >= 2
    assert "Changed Name in Latin script" in html
    assert "Deleted timeline event" in html
    assert "version_id1" in html and "Compare the chosen versions" in html
    assert "style=" not in html  # the CSP refuses inline styles


def test_it_shows_the_difference_between_two_versions(client: Client) -> None:
    signed_in(client)
    person = entered_and_changed(client)
    first, second = versions(person)
    response = client.get(
        f"{PEOPLE}{person.pk}/history/compare/",
        {"version_id1": first.pk, "version_id2": second.pk},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<del>- Narges Mohammadi</del>" in html
    assert "<ins>+ N. Mohammadi</ins>" in html
    assert "<del>- arrest 1400/08/25</del>" in html  # the deleted timeline event
    assert "<del>Narges Mohammadi: آبان ۱۴۰۰</del>" in html  # and the case's changed date


def test_it_reverts_to_an_earlier_version_with_its_inline_event(client: Client) -> None:
    signed_in(client)
    person = entered_and_changed(client)
    first, _second = versions(person)
    url = f"{PEOPLE}{person.pk}/history/{first.pk}/"
    data = page_form(client, url)
    assert data["name_latin"] == ["Narges Mohammadi"]
    assert data["events-0-occurred_on"] == ["1400/08/25"]
    assert Person.objects.get().name_latin == "N. Mohammadi"  # looking changed nothing

    assert client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.name_latin == "Narges Mohammadi"
    event = Event.objects.get(person=person)
    assert event.occurred_on == datetime.date(2021, 11, 16)
    assert event.occurred_on_text == "1400/08/25"
    assert [source.title for source in event.sources.all()] == ["HRANA report"]
    assert Case.objects.get().arrested_on_text == "آبان ۱۴۰۰"
    assert len(versions(person)) == 3
    assert "Reverted to previous version" in versions(person)[-1].revision.comment
    # The search index follows the revert.
    assert "Narges Mohammadi" in client.get(PEOPLE, {"q": "Narges"}).content.decode()


def test_it_keeps_changes_made_on_a_case_page_in_the_persons_history(client: Client) -> None:
    signed_in(client)
    person = entered_and_changed(client)
    case = person.cases.get()
    url = f"/staff/prisoners/case/{case.pk}/change/"
    data = fill(page_form(client, url, "case_form"), {"court_branch": "15"})
    assert client.post(url, data).status_code == 302
    assert len(versions(person)) == 3
    html = client.get(f"{PEOPLE}{person.pk}/history/").content.decode()
    assert "Changed Branch" in html

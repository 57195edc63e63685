"""Urgent actions in the staff area: a researcher writes one with its officials and letters;
the count of supporters who took it is shown, never edited."""

import pytest
from django.test import Client

from freethem.actions.models import UrgentAction
from freethem.actions.tests.factories import make_urgent_action
from freethem.actions.vocab import State
from freethem.prisoners.tests.factories import make_person
from freethem.prisoners.tests.test_admin_support import signed_in

pytestmark = pytest.mark.django_db

ADMIN = "/staff/actions/urgentaction/"


def inline_management(prefix: str, total: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_it_lets_a_researcher_write_an_urgent_action(client: Client) -> None:
    signed_in(client, username="researcher1")
    person = make_person(name_latin="Sara Ahmadi")
    assert client.get(f"{ADMIN}add/").status_code == 200
    data = {
        "prisoner": person.pk,
        "slug": "free-sara",
        "reference": "UA 1/26",
        "state": State.PUBLISHED,
        "issued_on": "2026-01-10",
        "expires_on": "2026-03-10",
        "title_en": "Free Sara",
        "summary_en": "Held without charge.",
        "demands_en": "Release her.",
        **inline_management("officials", 1),
        "officials-0-role": "target",
        "officials-0-position": "0",
        "officials-0-name": "Head of the Judiciary",
        "officials-0-language": "en",
        **inline_management("letters", 1),
        "letters-0-language": "en",
        "letters-0-subject": "Release {prisoner}",
        "letters-0-body": "{salutation}, release {prisoner}. {supporter}",
        "taken_count": "999",
    }
    response = client.post(f"{ADMIN}add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    action = UrgentAction.objects.get(slug="free-sara")
    assert action.taken_count == 0  # read-only: the posted value is ignored
    assert action.officials.get().name == "Head of the Judiciary"
    assert action.letters.get().subject == "Release {prisoner}"

    page = client.get(f"{ADMIN}{action.pk}/change/").content.decode()
    assert "{prisoner} {prison} {official}" in page  # the placeholders are explained
    assert 'name="taken_count"' not in page


def test_it_filters_open_expired_and_draft_actions(client: Client) -> None:
    signed_in(client, username="researcher1")
    make_urgent_action(title_en="Open one")
    make_urgent_action(title_en="Old one", issued_on="2025-01-01", expires_on="2025-02-01")
    make_urgent_action(title_en="Draft one", state=State.DRAFT)
    for status, shown in (("open", "Open one"), ("expired", "Old one"), ("draft", "Draft one")):
        html = client.get(f"{ADMIN}?status={status}").content.decode()
        others = {"Open one", "Old one", "Draft one"} - {shown}
        assert shown in html and not any(other in html for other in others)
    assert "Open one" in client.get(f"{ADMIN}?q=open").content.decode()
    autocomplete = client.get(
        "/staff/autocomplete/",
        {"app_label": "actions", "model_name": "urgentaction", "field_name": "prisoner"},
    )
    assert autocomplete.status_code == 200

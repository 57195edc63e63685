"""Volunteers in the staff area: organisers only, names and emails decrypted with every read
audited, filters, state and note kept, a guarded and audited CSV, and erasure."""

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.test import Client

from freethem.actions.models import Volunteer
from freethem.actions.tests.factories import make_volunteer
from freethem.core.models import AuditEntry
from freethem.core.tests.factories import PASSWORD, current_code, staff_user

pytestmark = pytest.mark.django_db

LIST = "/staff/actions/volunteer/"


def signed_in(client: Client, *, role: str) -> User:
    user = staff_user(username=f"{role}1", role=role)
    response = client.post(
        "/staff/login/",
        {"username": user.username, "password": PASSWORD, "code": current_code(user)},
    )
    assert response.status_code == 302, response
    return user


@pytest.fixture
def volunteers() -> tuple[Volunteer, Volunteer]:
    return (
        make_volunteer(
            name="Ada Lovelace",
            email="ada@example.org",
            skills=["events"],
            safe_contact="signal: ada.1",
        ),
        make_volunteer(
            name="Bob Second",
            email="bob@example.org",
            skills=["design", "legal"],
            country="DE",
            availability="weekly",
        ),
    )


@pytest.mark.parametrize("role", ["researcher", "moderator", "events"])
def test_it_shows_volunteers_to_organisers_only(
    client: Client, volunteers: tuple, role: str
) -> None:
    signed_in(client, role=role)
    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}{volunteers[0].pk}/change/").status_code in (302, 403)
    assert not AuditEntry.objects.filter(action__contains="volunteer").exists()


def test_it_audits_every_read_of_names_and_emails(client: Client, volunteers: tuple) -> None:
    ada, _bob = volunteers
    signed_in(client, role="organiser")
    page = client.get(LIST).content.decode()
    assert "Ada Lovelace" in page and "Bob Second" in page
    record = client.get(f"{LIST}{ada.pk}/change/").content.decode()
    assert "ada@example.org" in record and "signal: ada.1" in record
    entries = list(AuditEntry.objects.order_by("pk").values_list("action", "subject", "detail"))
    assert entries == [
        ("view volunteers", "volunteers", "2 volunteers"),
        ("view volunteer", f"volunteer {ada.pk}", ""),
    ]
    assert not any("ada" in str(cell).lower() for entry in entries for cell in entry)


def test_it_filters_by_skill_and_country(client: Client, volunteers: tuple) -> None:
    signed_in(client, role="organiser")
    page = client.get(LIST, {"skill": "legal"}).content.decode()
    assert "Bob Second" in page and "Ada Lovelace" not in page
    page = client.get(LIST, {"country": "GB"}).content.decode()
    assert "Ada Lovelace" in page and "Bob Second" not in page


def test_it_keeps_the_state_and_a_note(client: Client, volunteers: tuple) -> None:
    ada, _bob = volunteers
    signed_in(client, role="organiser")
    response = client.post(
        f"{LIST}{ada.pk}/change/", {"state": "contacted", "staff_note": "Called on Monday."}
    )
    assert response.status_code == 302
    ada.refresh_from_db()
    assert (ada.state, ada.staff_note, ada.name) == (
        "contacted",
        "Called on Monday.",
        "Ada Lovelace",
    )


def test_it_downloads_volunteers_as_csv_audited(client: Client, volunteers: tuple) -> None:
    make_volunteer(name="=HYPERLINK(1)", email="eve@example.org")
    signed_in(client, role="organiser")
    selected = list(Volunteer.objects.values_list("pk", flat=True))
    response = client.post(LIST, {"action": "export_csv", "_selected_action": selected})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["number", "name", "email", "safe_contact"]
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["Bob Second"][2] == "bob@example.org"
    assert by_name["Bob Second"][5:8] == ["design legal", "DE", "weekly"]
    assert "'=HYPERLINK(1)" in by_name
    assert AuditEntry.objects.filter(action="export volunteers", detail="3 volunteers").exists()


def test_it_erases_a_volunteers_personal_details(client: Client, volunteers: tuple) -> None:
    ada, bob = volunteers
    signed_in(client, role="organiser")
    client.post(LIST, {"action": "erase", "_selected_action": [ada.pk]})
    ada.refresh_from_db()
    assert (ada.name, ada.email, ada.safe_contact, ada.message) == ("", None, "", "")
    assert ada.state == "inactive" and ada.skills == ["events"]
    assert AuditEntry.objects.filter(action="erase volunteer", subject=f"volunteer {ada.pk}")
    bob.refresh_from_db()
    assert bob.name == "Bob Second"
    # The address may sign up again, as someone new.
    assert Client().post("/volunteer/", {
        "name": "Ada Again", "email": "ada@example.org", "consent": "on"
    }).status_code == 302  # fmt: skip
    assert Volunteer.objects.count() == 3

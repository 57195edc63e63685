"""The participants' list in the staff area: an event's RSVPs seen by its organisers only
(the events role sees the events it is named on; organisers of the campaign see all; a
moderator or researcher sees none), names and emails decrypted with every read audited,
attendance marked, the waiting list in its order, and a CSV download."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from freethem.core.models import AuditEntry
from freethem.core.tests.factories import PASSWORD, current_code, staff_user
from freethem.events.admin.rsvps import participants_url
from freethem.events.models import Event, Rsvp
from freethem.events.services.rsvps import rsvp_email_hash
from freethem.events.tests.factories import make_event
from freethem.events.tests.rsvp_factories import make_rsvp
from freethem.events.vocab import RsvpState

pytestmark = pytest.mark.django_db

RSVPS = "/staff/events/rsvp/"


def signed_in(client: Client, *, role: str, username: str = "") -> User:
    user = staff_user(username=username or f"{role}1", role=role)
    response = client.post(
        "/staff/login/",
        {"username": user.username, "password": PASSWORD, "code": current_code(user)},
    )
    assert response.status_code == 302, response
    return user


@pytest.fixture
def two_events() -> tuple[Event, Event]:
    ours = make_event(slug="ours", capacity=1)
    theirs = make_event(slug="theirs", title="Another forum")
    make_rsvp(ours, name="Ada Lovelace", email="ada@example.org")
    make_rsvp(ours, name="Bob Second", email="bob@example.org", state=RsvpState.WAITING)
    make_rsvp(ours, name="Cyrus Third", email="cyrus@example.org", state=RsvpState.WAITING)
    make_rsvp(theirs, name="Dara Elsewhere", email="dara@example.org")
    return ours, theirs


def test_it_shows_the_events_role_only_the_rsvps_of_events_it_organises(
    client: Client, two_events: tuple[Event, Event]
) -> None:
    ours, theirs = two_events
    user = signed_in(client, role="events")
    ours.organisers.add(user)
    page = client.get(RSVPS).content.decode()
    assert "Ada Lovelace" in page and "ada@example.org" in page
    assert "Dara Elsewhere" not in page and "dara@example.org" not in page
    assert "theirs" not in page  # not even in the event filter
    other = Rsvp.objects.get(event=theirs)
    assert client.get(f"{RSVPS}{other.pk}/change/").status_code == 302  # "does not exist"
    assert client.get(f"{RSVPS}?event={theirs.pk}").content.decode().count("elsewhere") == 0


def test_it_shows_an_organiser_every_event(client: Client, two_events: tuple) -> None:
    signed_in(client, role="organiser")
    page = client.get(RSVPS).content.decode()
    assert "Ada Lovelace" in page and "Dara Elsewhere" in page


@pytest.mark.parametrize("role", ["moderator", "researcher"])
def test_it_shows_no_rsvp_to_a_moderator_or_researcher(
    client: Client, two_events: tuple, role: str
) -> None:
    signed_in(client, role=role)
    assert client.get(RSVPS).status_code == 403
    assert client.get(f"{RSVPS}{Rsvp.objects.first().pk}/change/").status_code == 403
    assert "Ada Lovelace" not in client.get("/staff/").content.decode()


def test_it_audits_every_read_of_names_and_emails(client: Client, two_events: tuple) -> None:
    ours, _theirs = two_events
    signed_in(client, role="organiser")
    client.get(participants_url(ours))
    rsvp = Rsvp.objects.get(email_hash=rsvp_email_hash("ada@example.org"))
    page = client.get(f"{RSVPS}{rsvp.pk}/change/").content.decode()
    assert "ada@example.org" in page
    entries = list(AuditEntry.objects.order_by("pk").values_list("action", "subject", "detail"))
    assert ("view RSVPs", "ours", "3 RSVPs") in entries
    assert ("view RSVP", f"rsvp {rsvp.pk}", "") in entries
    assert not any("ada@" in str(entry) or "Ada" in str(entry) for entry in entries)


def test_it_lists_the_waiting_list_in_its_order(client: Client, two_events: tuple) -> None:
    ours, _theirs = two_events
    signed_in(client, role="organiser")
    page = client.get(participants_url(ours)).content.decode()
    assert page.index("Ada Lovelace") < page.index("Bob Second") < page.index("Cyrus Third")
    cyrus = Rsvp.objects.get(email_hash=rsvp_email_hash("cyrus@example.org"))
    form = client.get(f"{RSVPS}{cyrus.pk}/change/").content.decode()
    field = form[form.index("field-waiting_place") :]
    assert re.search(r'<div class="readonly">2</div>', field[: field.index("</fieldset>")])


def test_it_marks_attendance(client: Client, two_events: tuple) -> None:
    ours, _theirs = two_events
    user = signed_in(client, role="events")
    ours.organisers.add(user)
    going = [r for r in Rsvp.objects.filter(event=ours) if r.state == RsvpState.GOING]
    response = client.post(
        RSVPS, {"action": "mark_attended", "_selected_action": [going[0].pk]}, follow=True
    )
    assert "1 RSVP marked." in response.content.decode()
    going[0].refresh_from_db()
    assert going[0].attended is True
    client.post(RSVPS, {"action": "mark_absent", "_selected_action": [going[0].pk]})
    going[0].refresh_from_db()
    assert going[0].attended is False


def test_it_cannot_mark_another_events_rsvp(client: Client, two_events: tuple) -> None:
    ours, theirs = two_events
    user = signed_in(client, role="events")
    ours.organisers.add(user)
    other = Rsvp.objects.get(event=theirs)
    client.post(RSVPS, {"action": "mark_attended", "_selected_action": [other.pk]})
    other.refresh_from_db()
    assert other.attended is None


def test_it_downloads_the_participants_as_csv_audited(client: Client, two_events: tuple) -> None:
    ours, _theirs = two_events
    make_rsvp(ours, name="=HYPERLINK(1)", email="eve@example.org", state=RsvpState.PENDING)
    signed_in(client, role="organiser")
    selected = list(Rsvp.objects.filter(event=ours).values_list("pk", flat=True))
    response = client.post(
        f"{RSVPS}?event={ours.pk}", {"action": "export_csv", "_selected_action": selected}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:5] == ["event", "name", "email", "state", "waiting_list_position"]
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["Ada Lovelace"][2:5] == ["ada@example.org", "going", ""]
    assert by_name["Bob Second"][4] == "1" and by_name["Cyrus Third"][4] == "2"
    assert "'=HYPERLINK(1)" in by_name  # guarded against formulas
    assert AuditEntry.objects.filter(action="export RSVPs", subject="ours").exists()

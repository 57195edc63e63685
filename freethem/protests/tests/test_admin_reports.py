"""Reports from the public in the staff area: turned into draft records or rejected; the
reporter's contact for organisers only, each look written to the audit log."""

from datetime import date

import pytest
from django.test import Client

from freethem.core.models import AuditEntry
from freethem.prisoners.tests.test_admin_support import signed_in
from freethem.protests.models import ParticipantGroup, Protest, ProtestReport
from freethem.protests.vocab import Province, ReportState, State

pytestmark = pytest.mark.django_db

REPORTS = "/staff/protests/protestreport/"
CONTACT = "signal: +44 7700 900123"


def a_report(**fields: object) -> ProtestReport:
    values = {
        "date": date(2026, 10, 8), "province": Province.KERMANSHAH, "location": "Kermanshah",
        "description": "Nurses gathered outside the university hospital over unpaid wages.",
        "size_text": "about a hundred", "contact": CONTACT, "links": "https://example.org/v/1",
    }  # fmt: skip
    report = ProtestReport.objects.create(**{**values, **fields})
    report.groups.set(ParticipantGroup.objects.filter(slug="nurses"))
    return report


def test_it_turns_a_report_into_a_draft_record_without_the_contact(client: Client) -> None:
    signed_in(client)
    report = a_report()
    response = client.post(f"{REPORTS}{report.pk}/decision/", {"decision": "accept"})
    protest = Protest.objects.get()
    assert response["Location"] == f"/staff/protests/protest/{protest.pk}/change/"
    report.refresh_from_db()
    assert (report.state, report.protest) == (ReportState.ACCEPTED, protest)
    assert (protest.state, protest.event_id, protest.location) == (
        State.DRAFT,
        "FTIRN1",
        "Kermanshah",
    )
    assert protest.notes.startswith("Nurses gathered") and protest.size_text == "about a hundred"
    assert list(protest.groups.values_list("slug", flat=True)) == ["nurses"]
    assert CONTACT not in str(vars(protest))


def test_it_rejects_a_report_and_takes_it_off_the_waiting_list(client: Client) -> None:
    signed_in(client)
    report = a_report()
    client.post(REPORTS, {"action": "reject", "_selected_action": [report.pk]})
    report.refresh_from_db()
    assert report.state == ReportState.REJECTED and not Protest.objects.exists()
    assert b"unpaid wages" not in client.get(REPORTS).content
    assert b"unpaid wages" in client.get(REPORTS, {"state": "rejected"}).content


def test_it_refuses_a_second_decision(client: Client) -> None:
    signed_in(client)
    report = a_report(state=ReportState.REJECTED)
    response = client.post(f"{REPORTS}{report.pk}/decision/", {"decision": "accept"}, follow=True)
    assert b"decided on this report already" in response.content
    assert not Protest.objects.exists()


def test_it_hides_the_contact_from_researchers(client: Client) -> None:
    signed_in(client)
    page = client.get(f"/fa{REPORTS}{a_report().pk}/change/")
    assert page.status_code == 200 and CONTACT not in page.content.decode()
    assert not AuditEntry.objects.exists()


def test_it_shows_organisers_the_contact_and_audits_each_look(client: Client) -> None:
    user = signed_in(client, username="organiser1", role="organiser")
    report = a_report()
    for _look in range(2):
        assert CONTACT in client.get(f"{REPORTS}{report.pk}/change/").content.decode()
    entries = AuditEntry.objects.filter(action="view protest report's contact")
    assert [(e.user, e.subject) for e in entries] == [(user, f"protest report {report.pk}")] * 2
    assert CONTACT not in client.get(REPORTS).content.decode()

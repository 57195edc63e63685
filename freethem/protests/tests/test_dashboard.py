"""The staff home's block of the protest tracker: reports from the public waiting for a decision
and records waiting for review, each linking to where to act."""

import pytest
from django.test import Client

from freethem.core.tests.staff_dashboard_support import panels, text_of
from freethem.prisoners.tests.test_admin_support import signed_in
from freethem.protests.models import ProtestReport
from freethem.protests.tests.factories import make_protest
from freethem.protests.vocab import ReportState, State

pytestmark = pytest.mark.django_db


def test_it_shows_a_researcher_what_waits_and_where_to_act(client: Client) -> None:
    signed_in(client, username="researcher1", role="researcher")
    protest = make_protest(state=State.REVIEW)
    for state in (ReportState.NEW, ReportState.NEW, ReportState.REJECTED):
        ProtestReport.objects.create(
            date=protest.date, location="Ahvaz", description="x", state=state
        )
    block = panels(client.get("/staff/").content.decode())["Protest tracker"]
    assert text_of(block) == (
        "2 reports from the public wait for a decision "
        "1 record is waiting for review Possible duplicates"
    )
    assert 'href="/staff/protests/protestreport/?state__exact=new"' in block
    assert 'href="/staff/protests/protest/?state__exact=review"' in block
    assert client.get("/staff/protests/protestreport/?state__exact=new").status_code == 200


def test_it_says_when_nothing_waits(client: Client) -> None:
    signed_in(client, username="researcher1", role="researcher")
    make_protest()
    block = panels(client.get("/fa/staff/").content.decode())["ثبت اعتراض‌ها"]
    assert "هیچ گزارش مردمی در انتظار نیست." in text_of(block)

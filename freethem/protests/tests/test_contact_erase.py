"""A reporter's contact is erased a month after staff decided on the report; undecided reports
keep it, and the worker's periodic job does the erasing."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from freethem.core.registry import periodic_jobs
from freethem.prisoners.tests.test_admin_support import signed_in
from freethem.protests.models import ProtestReport
from freethem.protests.services import report_reject
from freethem.protests.services.moderation import CONTACT_KEPT, report_contacts_erase

pytestmark = pytest.mark.django_db


def report(**fields: object) -> ProtestReport:
    values = {"date": timezone.localdate(), "location": "Ahvaz", "description": "x"}
    return ProtestReport.objects.create(contact="signal: @witness", **{**values, **fields})


def test_it_erases_a_contact_a_month_after_the_decision(client: Client) -> None:
    organiser = signed_in(client, username="organiser1", role="organiser")
    decided, waiting = report(), report()
    report_reject(report=decided, by=organiser)
    assert report_contacts_erase(now=timezone.now()) == 0  # too soon
    later = timezone.now() + CONTACT_KEPT + timedelta(minutes=1)
    assert report_contacts_erase(now=later) == 1
    assert report_contacts_erase(now=later) == 0  # erased once

    assert ProtestReport.objects.get(pk=decided.pk).contact == ""
    assert ProtestReport.objects.get(pk=waiting.pk).contact == "signal: @witness"
    page = client.get(f"/staff/protests/protestreport/{decided.pk}/change/").content.decode()
    assert "The reporter's contact" not in page and "@witness" not in page


def test_it_is_a_periodic_job_of_the_worker() -> None:
    assert "freethem.protests.services.moderation.run_periodic" in periodic_jobs()

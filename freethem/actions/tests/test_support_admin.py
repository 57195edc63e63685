"""Fundraising in the staff area: an offline gift entered by an organiser counts at once and
names who entered it; gifts (donors' names and emails) are for organisers only, and each
gift's page is audited; a correction moves the totals; the drives' list shows their totals."""

from decimal import Decimal

import pytest
from django.test import Client

from freethem.actions.models import Gift
from freethem.actions.services.support import drive_totals, gift_record_offline
from freethem.actions.tests.factories import make_drive
from freethem.actions.vocab import GiftSource, GiftState
from freethem.core.models import AuditEntry
from freethem.prisoners.tests.test_admin_support import fill, page_form, signed_in

pytestmark = pytest.mark.django_db

GIFTS = "/staff/actions/gift/"
DRIVES = "/staff/actions/drive/"


def test_it_counts_an_offline_gift_entered_by_an_organiser(client: Client) -> None:
    organiser = signed_in(client, username="organiser1", role="organiser")
    drive = make_drive(slug="back-cover")
    form = page_form(client, f"{GIFTS}add/?drive={drive.pk}", "gift_form")
    assert form["drive"] == [str(drive.pk)]
    values = {
        "amount": "1000",
        "received_on": "2026-11-30",
        "name": "Toronto Iranian Students",
        "email": "treasurer@example.org",
        "public_name": "Toronto Iranian Students",
    }
    response = client.post(f"{GIFTS}add/", fill(form, values))
    assert response.status_code == 302, response.content.decode()[:3000]
    gift = Gift.objects.get()
    assert (gift.source, gift.state, gift.currency) == (
        GiftSource.OFFLINE,
        GiftState.CONFIRMED,
        "USD",
    )
    assert gift.entered_by == organiser and gift.email == "treasurer@example.org"
    totals = drive_totals(drive)
    assert (totals.raised, totals.offline, totals.online_gifts) == (Decimal(1000), Decimal(1000), 0)
    page = client.get("/support/back-cover/").content.decode()
    assert "$1,000" in page and "Toronto Iranian Students" in page
    assert "treasurer@example.org" not in page


def test_it_shows_gifts_to_organisers_only_and_audits_each_gift_page(client: Client) -> None:
    gift = gift_record_offline(
        drive=make_drive(), amount=Decimal(20), name="Secret Donor", email="secret@example.org"
    )
    signed_in(client, username="researcher1", role="researcher")
    assert client.get(GIFTS).status_code == 403
    assert client.get(f"{GIFTS}{gift.pk}/change/").status_code == 403
    assert "Secret Donor" not in client.get("/staff/actions/").content.decode()
    client.logout()
    organiser = signed_in(client, username="organiser1", role="organiser")
    listing = client.get(GIFTS).content.decode()
    assert "secret@example.org" not in listing and "Secret Donor" not in listing
    page = client.get(f"{GIFTS}{gift.pk}/change/").content.decode()
    assert "Secret Donor" in page and "secret@example.org" in page
    entry = AuditEntry.objects.get(action="view gift")
    assert (entry.user, entry.subject) == (organiser, f"gift {gift.pk}")
    assert "Secret" not in entry.detail


def test_it_moves_the_totals_when_an_organiser_corrects_a_gift(client: Client) -> None:
    signed_in(client, username="organiser1", role="organiser")
    drive = make_drive()
    gift = gift_record_offline(drive=drive, amount=Decimal(500))
    assert drive_totals(drive).raised == Decimal(500)
    form = page_form(client, f"{GIFTS}{gift.pk}/change/", "gift_form")
    response = client.post(f"{GIFTS}{gift.pk}/change/", fill(form, {"amount": "350"}))
    assert response.status_code == 302
    assert drive_totals(drive).raised == Decimal(350)


def test_it_lists_drives_with_their_totals_in_both_languages(client: Client) -> None:
    signed_in(client, username="organiser1", role="organiser")
    drive = make_drive(title_en="Back cover")
    gift_record_offline(drive=drive, amount=Decimal("4210.50"))
    assert "$4,210.50" in client.get(DRIVES).content.decode()
    assert client.get(f"/fa{DRIVES}").status_code == 200
    assert client.get(f"/fa{DRIVES}{drive.pk}/change/").status_code == 200
    assert client.get(f"/fa{GIFTS}add/").status_code == 200


def test_it_refuses_an_expense_in_another_currency(client: Client) -> None:
    signed_in(client, username="organiser1", role="organiser")
    drive = make_drive()
    form = page_form(client, f"{DRIVES}{drive.pk}/change/", "drive_form")
    values = {
        "expenses-0-spent_on": "2026-11-20",
        "expenses-0-amount": "100",
        "expenses-0-currency": "EUR",
        "expenses-0-description_en": "Printing",
    }
    response = client.post(f"{DRIVES}{drive.pk}/change/", fill(form, values))
    assert "An expense must be in the drive&#x27;s currency (USD)." in response.content.decode()
    assert not drive.expenses.exists()


def test_it_sends_a_visitor_to_the_sign_in_page(client: Client) -> None:
    response = client.get(GIFTS)
    assert response.status_code == 302 and response["Location"].startswith("/staff/login/")

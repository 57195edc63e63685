"""The staff home's block of things to do: a researcher sees the open urgent actions and
nothing of donors, volunteers or mailings; an organiser also sees the mailing being sent, the
volunteers to contact and an open drive's progress, in Persian too."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from freethem.actions.models import Delivery, Gift
from freethem.actions.tests.factories import (
    make_drive,
    make_mailing,
    make_urgent_action,
    make_volunteer,
)
from freethem.actions.vocab import DeliveryState, GiftSource, GiftState, MailingState
from freethem.core.tests.staff_dashboard_support import panels, text_of
from freethem.events.tests.test_rsvp_admin import signed_in

pytestmark = pytest.mark.django_db

TITLE = "Things to do"


def _campaign() -> None:
    today = timezone.localdate()
    make_urgent_action(expires_on=today + timedelta(days=3))
    make_urgent_action()
    make_urgent_action(expires_on=today - timedelta(days=1))  # expired: not counted
    mailing = make_mailing(subject_en="Delivered", state=MailingState.SENDING)
    for n in range(3):
        state = DeliveryState.SENT if n else DeliveryState.QUEUED
        Delivery.objects.create(mailing=mailing, source=f"appeals.signature:{n}", state=state)
    make_volunteer(email="new@example.org", confirmed_at=timezone.now())
    make_volunteer(email="unconfirmed@example.org")  # not confirmed: nobody to contact yet
    drive = make_drive(title_fa="چاپ آگهی")
    Gift.objects.create(
        drive=drive,
        source=GiftSource.OFFLINE,
        state=GiftState.CONFIRMED,
        amount=Decimal("1200"),
        currency="USD",
        reference="offline-1",
    )


def test_it_shows_a_researcher_the_open_urgent_actions_only(client: Client) -> None:
    _campaign()
    signed_in(client, role="researcher")
    block = text_of(panels(client.get("/staff/").content.decode())[TITLE])
    assert block == "2 open urgent actions: 1 closes within a week"


def test_it_shows_an_organiser_what_waits_in_persian(client: Client) -> None:
    _campaign()
    signed_in(client, role="organiser")
    english = text_of(panels(client.get("/staff/").content.decode())[TITLE])
    assert "Delivered: 2 of 3 mails sent" in english
    assert "1 new volunteer to contact" in english
    assert "$1,200 raised of $15,000" in english
    persian = text_of(panels(client.get("/fa/staff/").content.decode())["کارهایی که می‌توان کرد"])
    assert "۲ اقدام فوری باز" in persian and "۱ نفر داوطلب تازه" in persian
    assert "چاپ آگهی" in persian and "۱٬۲۰۰ دلار" in persian

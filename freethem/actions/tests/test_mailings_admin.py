"""Mailings in the staff area, for organisers only: write one, see how many it would reach (a
count, no address), send a test to oneself, confirm and send, pause and resume, read the log
(failures without addresses); a mailing sent can no longer be changed."""

import pytest
from django.test import Client
from django.utils import timezone

from freethem.actions.models import Delivery, Mailing
from freethem.actions.tests.factories import make_mailing
from freethem.actions.vocab import Audience, DeliveryState, MailingState
from freethem.appeals.tests.factories import make_appeal, signed
from freethem.appeals.tests.test_admin_support import signed_in
from freethem.core.models import AuditEntry
from freethem.core.roles import ORGANISER, RESEARCHER
from freethem.events.tests.rsvp_factories import deliver

pytestmark = pytest.mark.django_db

MAILINGS = "/staff/actions/mailing/"


def test_it_keeps_mailings_from_staff_who_are_not_organisers(client: Client) -> None:
    signed_in(client, role=RESEARCHER)
    mailing = make_mailing()
    for url in (MAILINGS, f"{MAILINGS}add/", f"{MAILINGS}{mailing.pk}/change/",
                f"{MAILINGS}{mailing.pk}/log/", f"{MAILINGS}{mailing.pk}/send/"):  # fmt: skip
        assert client.get(url).status_code == 403, url
    assert client.post(f"{MAILINGS}{mailing.pk}/send/").status_code == 403
    assert Mailing.objects.get().state == MailingState.DRAFT


@pytest.mark.django_db(transaction=True)  # the worker runs in the test (deliver)
def test_it_takes_an_organiser_from_writing_to_sending(client: Client, mailoutbox: list) -> None:
    staff = signed_in(client, role=ORGANISER)
    appeal = make_appeal(slug="admin")
    for n in (1, 2, 3):
        signed(appeal, n, wants_updates=n != 3)
    deliver()
    mailoutbox.clear()
    assert client.get(f"{MAILINGS}add/").status_code == 200

    response = client.post(
        f"{MAILINGS}add/",
        {
            "audience": Audience.APPEAL_SIGNERS,
            "appeal": appeal.pk,
            "subject_en": "The appeal reached the UN",
            "body_en": "We delivered it today.",
            "subject_fa": "فراخوان به سازمان ملل رسید",
            "body_fa": "امروز آن را تحویل دادیم.",
        },
    )
    mailing = Mailing.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{mailing.pk}/change/")
    assert mailing.created_by == staff and mailing.state == MailingState.DRAFT

    page = client.get(f"{MAILINGS}{mailing.pk}/change/").content.decode()
    assert "It would reach <strong>2</strong> people now." in page
    assert "s1@example.org" not in page
    assert f'href="{MAILINGS}{mailing.pk}/send/"' not in page  # not before a test
    response = client.get(f"{MAILINGS}{mailing.pk}/send/")
    assert response.status_code == 302  # refused: no test yet

    response = client.post(f"{MAILINGS}{mailing.pk}/test/")
    assert response.status_code == 302
    deliver()
    assert [m.to for m in mailoutbox] == [[staff.email], [staff.email]]
    assert all(m.subject.startswith("[TEST] ") for m in mailoutbox)
    assert AuditEntry.objects.filter(action="test mailing").exists()

    page = client.get(f"{MAILINGS}{mailing.pk}/change/").content.decode()
    assert f'href="{MAILINGS}{mailing.pk}/send/"' in page
    confirm = client.get(f"{MAILINGS}{mailing.pk}/send/").content.decode()
    assert "This mailing will go to <strong>2</strong> people." in confirm
    assert "Yes, send it to 2 people" in confirm
    assert Delivery.objects.count() == 0  # not before the confirmation

    response = client.post(f"{MAILINGS}{mailing.pk}/send/")
    assert response["Location"] == f"{MAILINGS}{mailing.pk}/log/"
    mailing.refresh_from_db()
    assert mailing.state == MailingState.SENDING and mailing.started_at is not None
    assert AuditEntry.objects.get(action="send mailing").detail == "2 recipients"
    deliver()
    assert sorted(m.to[0] for m in mailoutbox[2:]) == ["s1@example.org", "s2@example.org"]

    assert "The appeal reached the UN" in client.get(MAILINGS).content.decode()
    log = client.get(f"{MAILINGS}{mailing.pk}/log/").content.decode()
    assert "<td>0</td><td>2</td><td>0</td><td>0</td><td>2</td>" in log  # queued sent failed...
    assert "s1@example.org" not in log


def test_it_refuses_to_change_a_mailing_once_sent(client: Client) -> None:
    signed_in(client, role=ORGANISER)
    mailing = make_mailing(state=MailingState.SENDING, started_at=timezone.now())
    response = client.get(f"{MAILINGS}{mailing.pk}/change/")
    assert response["Location"] == f"{MAILINGS}{mailing.pk}/log/"
    client.post(
        f"{MAILINGS}{mailing.pk}/change/",
        {"audience": mailing.audience, "appeal": mailing.appeal_id, "subject_en": "Changed",
         "body_en": "Changed."},
    )  # fmt: skip
    mailing.refresh_from_db()
    assert mailing.subject_en == "News of the appeal"
    assert client.post(f"{MAILINGS}{mailing.pk}/test/").status_code == 302
    assert client.post(f"{MAILINGS}{mailing.pk}/delete/").status_code == 403
    assert Mailing.objects.filter(pk=mailing.pk).exists()


def test_it_pauses_and_resumes_and_lists_failures_without_addresses(client: Client) -> None:
    signed_in(client, role=ORGANISER)
    appeal = make_appeal(slug="log")
    signed(appeal, 1, wants_updates=True)
    mailing = make_mailing(
        audience=Audience.APPEAL_SIGNERS, appeal=appeal, state=MailingState.SENDING
    )
    Delivery.objects.create(
        mailing=mailing, source="appeals.signature:1", state=DeliveryState.FAILED,
        attempts=1, error="SMTP 550",
    )  # fmt: skip
    Delivery.objects.create(mailing=mailing, source="appeals.signature:2")
    log = client.get(f"{MAILINGS}{mailing.pk}/log/").content.decode()
    assert "SMTP 550" in log and "s1@example.org" not in log
    assert "Pause" in log and 'http-equiv="refresh"' in log

    client.post(f"{MAILINGS}{mailing.pk}/pause/")
    mailing.refresh_from_db()
    assert mailing.state == MailingState.PAUSED
    assert "Resume" in client.get(f"{MAILINGS}{mailing.pk}/log/").content.decode()
    client.post(f"{MAILINGS}{mailing.pk}/resume/")
    mailing.refresh_from_db()
    assert mailing.state == MailingState.SENDING


def test_it_asks_for_the_list_the_audience_names(client: Client) -> None:
    signed_in(client, role=ORGANISER)
    appeal = make_appeal(slug="wrong")
    response = client.post(
        f"{MAILINGS}add/",
        {"audience": Audience.FOLLOWERS, "appeal": appeal.pk, "subject_en": "Hello",
         "body_en": "Hello."},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Choose the appeal, prisoner or event" in response.content.decode()
    assert Mailing.objects.count() == 0

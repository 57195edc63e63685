"""Reminders a day before, sent by the worker's periodic job through the real (loopback) SMTP
server, once each; and the mail to everyone with an RSVP when an event is cancelled."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.mail import EmailMessage
from django.test import override_settings
from django.utils import timezone

from freethem.core.management.commands.worker import run_periodic_job
from freethem.core.registry import periodic_jobs
from freethem.core.templatetags.freethem import jalali
from freethem.core.testing.smtp import SMTPServer
from freethem.core.testing.smtp import smtp_server as smtp_server  # the fixture
from freethem.events import services
from freethem.events.tests.factories import make_event
from freethem.events.tests.rsvp_factories import deliver, make_rsvp
from freethem.events.vocab import RsvpState, State

pytestmark = pytest.mark.django_db(transaction=True)

JOB = "freethem.events.services.rsvps.run_periodic"


def test_it_declares_the_reminders_as_a_periodic_job_of_the_worker() -> None:
    assert JOB in periodic_jobs()


def test_it_reminds_those_going_a_day_before_through_the_worker_and_smtp(
    smtp_server: SMTPServer,
) -> None:
    soon = make_event(slug="soon", starts_in=timedelta(hours=20), address_private=True)
    later = make_event(slug="later", starts_in=timedelta(days=3))
    going = make_rsvp(soon, email="going@example.org")
    make_rsvp(soon, email="waiting@example.org", state=RsvpState.WAITING)
    make_rsvp(soon, email="pending@example.org", state=RsvpState.PENDING)
    make_rsvp(soon, email="cancelled@example.org", state=RsvpState.CANCELLED)
    make_rsvp(later, email="later@example.org")
    smtp_server.start()
    with override_settings(**smtp_server.email_settings()):
        assert run_periodic_job(JOB)  # as the worker's periodic thread runs it
        deliver()
        assert run_periodic_job(JOB)  # a second run reminds nobody twice
        deliver()
    assert smtp_server.recipients == [["going@example.org"]]
    message = smtp_server.messages[0]
    assert "Tomorrow:" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert "Trafalgar Square, London WC2N 5DN" in body  # the private address: they have a place
    assert f"/events/rsvp/{going.link_key}/cancel/" in body
    going.refresh_from_db()
    assert going.reminded_at is not None


def test_it_keeps_a_reminder_while_smtp_is_down_and_sends_it_once_back(
    smtp_server: SMTPServer,
) -> None:
    make_rsvp(make_event(starts_in=timedelta(hours=5)), email="going@example.org")
    with override_settings(**smtp_server.email_settings()):
        services.rsvps_remind()
        deliver()  # nothing listens yet: the mail waits for a retry
        assert smtp_server.messages == []
        smtp_server.start()
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        deliver()
        services.rsvps_remind()
        deliver()
    assert smtp_server.recipients == [["going@example.org"]]


@pytest.mark.parametrize(
    "fields",
    [{"state": State.CANCELLED}, {"state": State.DRAFT}, {"starts_in": timedelta(hours=-1)}],
)
def test_it_reminds_nobody_of_an_event_cancelled_unpublished_or_begun(fields: dict) -> None:
    make_rsvp(make_event(**fields))
    assert services.rsvps_remind() == 0


def test_it_reminds_in_the_persons_language(mailoutbox: list[EmailMessage]) -> None:
    event = make_event(starts_in=timedelta(hours=10))
    make_rsvp(event, language="fa")
    services.rsvps_remind()
    deliver()
    (message,) = mailoutbox
    assert "\u2068شب‌زنده‌داری برای زندانیان سیاسی ایران\u2069" in message.subject
    assert "/fa/events/rsvp/" in message.body
    day = event.starts_at.astimezone(ZoneInfo("Europe/London")).date()
    assert jalali(day) in message.body  # Solar Hijri, Persian digits


def test_it_mails_everyone_with_an_rsvp_once_when_the_event_is_cancelled(
    mailoutbox: list[EmailMessage],
) -> None:
    event = make_event()
    for email, state in [
        ("going@example.org", RsvpState.GOING),
        ("waiting@example.org", RsvpState.WAITING),
        ("pending@example.org", RsvpState.PENDING),
        ("cancelled@example.org", RsvpState.CANCELLED),
    ]:
        make_rsvp(event, email=email, state=state)
    event.state = State.CANCELLED
    event.save()
    assert services.rsvps_event_cancelled(event) == 3
    assert services.rsvps_event_cancelled(event) == 3  # the admin action pressed twice
    deliver()
    assert sorted(message.to[0] for message in mailoutbox) == [
        "going@example.org",
        "pending@example.org",
        "waiting@example.org",
    ]
    assert all("Cancelled:" in message.subject for message in mailoutbox)
    assert all("cancelled" in message.body for message in mailoutbox)

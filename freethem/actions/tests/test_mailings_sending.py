"""Sending a mailing: a test to oneself first, then the worker in throttled batches (one batch
per task run, the next queued for later), pausing and resuming, retries with backoff while the
mail server refuses for now, and a failure when it refuses for good."""

import smtplib
from collections.abc import Sequence
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from freethem.actions.models import Delivery, Mailing
from freethem.actions.services import mailings as services
from freethem.actions.tasks.mailings import send_mailing_batch
from freethem.actions.tests.factories import make_mailing
from freethem.actions.vocab import Audience, DeliveryState, MailingState
from freethem.appeals.models import Appeal
from freethem.appeals.tests.factories import make_appeal, signed
from freethem.core.testing.smtp import SMTPServer
from freethem.core.testing.smtp import smtp_server as smtp_server  # the fixture
from freethem.events.tests.rsvp_factories import deliver

pytestmark = pytest.mark.django_db(transaction=True)

BATCH = "freethem.actions.tasks.mailings.send_mailing_batch"


def appeal_with_signers(count: int) -> Appeal:
    appeal = make_appeal(slug=f"signers-{count}")
    for n in range(1, count + 1):
        signed(appeal, n, wants_updates=True)
    return appeal


def ready_mailing(appeal: Appeal) -> Mailing:
    mailing = make_mailing(audience=Audience.APPEAL_SIGNERS, appeal=appeal)
    Mailing.objects.filter(pk=mailing.pk).update(test_sent_at=timezone.now())
    mailing.refresh_from_db()
    return mailing


def mailed(outbox: Sequence[EmailMessage]) -> list[str]:
    """The addresses a mailing reached (not the signers' own confirmation mails)."""
    return sorted(m.to[0] for m in outbox if "List-Unsubscribe" in m.extra_headers)


def batch_tasks() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=BATCH, status="READY"))


def make_due() -> None:
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


@override_settings(FREETHEM_MAILING_RATE=2)
def test_it_sends_one_batch_per_run_and_queues_the_next_for_later(
    mailoutbox: list[EmailMessage],
) -> None:
    mailing = ready_mailing(appeal_with_signers(5))
    deliver()
    started = timezone.now()
    assert services.mailing_start(mailing=mailing) == 5
    deliver()
    assert len(mailed(mailoutbox)) == 2  # one batch: the rate's share of a minute
    (task,) = batch_tasks()
    assert task.run_after >= started + timedelta(seconds=55)  # 2 mails at 2 a minute
    deliver()
    assert len(mailed(mailoutbox)) == 2  # nothing goes before its time
    make_due()
    deliver()
    assert len(mailed(mailoutbox)) == 4
    make_due()
    deliver()
    assert mailed(mailoutbox) == [f"s{n}@example.org" for n in range(1, 6)]
    mailing.refresh_from_db()
    assert mailing.state == MailingState.SENT and batch_tasks() == []


@override_settings(FREETHEM_MAILING_RATE=2)
def test_it_stops_after_the_batch_when_paused_and_goes_on_when_resumed(
    mailoutbox: list[EmailMessage],
) -> None:
    mailing = ready_mailing(appeal_with_signers(5))
    deliver()
    services.mailing_start(mailing=mailing)
    deliver()
    assert services.mailing_pause(mailing=mailing)
    make_due()
    deliver()  # the queued batch finds the mailing paused and stops
    assert len(mailed(mailoutbox)) == 2 and batch_tasks() == []
    mailing.refresh_from_db()
    assert mailing.state == MailingState.PAUSED
    assert not services.mailing_pause(mailing=mailing)

    assert services.mailing_resume(mailing=mailing)
    assert not services.mailing_resume(mailing=mailing)  # once
    deliver()
    assert len(mailed(mailoutbox)) == 4
    assert len(batch_tasks()) == 1  # one chain, not two


@override_settings(FREETHEM_MAILING_RATE=2)
def test_it_does_nothing_in_a_copy_of_a_batch_run_that_moved_on(
    mailoutbox: list[EmailMessage],
) -> None:
    mailing = ready_mailing(appeal_with_signers(5))
    deliver()
    services.mailing_start(mailing=mailing)
    first_run = Mailing.objects.get(pk=mailing.pk).run
    deliver()
    # The first run's task again, as after its worker died having queued the next.
    send_mailing_batch.enqueue(mailing_id=mailing.pk, run=first_run)
    deliver()
    assert len(mailed(mailoutbox)) == 2
    assert len(batch_tasks()) == 1


def test_it_tries_again_later_while_the_server_refuses_for_now(
    smtp_server: SMTPServer,
) -> None:
    mailing = ready_mailing(appeal_with_signers(2))
    smtp_server.start()
    with override_settings(**smtp_server.email_settings()):
        deliver()
        smtp_server.messages.clear()
        smtp_server.refusals = 1  # "451 Try again later" for the first mail
        services.mailing_start(mailing=mailing)
        deliver()
        assert [str(m["To"]) for m in smtp_server.messages] == ["s2@example.org"]
        waiting = Delivery.objects.get(state=DeliveryState.QUEUED)
        assert waiting.attempts == 1 and waiting.error == "SMTP 451"
        assert waiting.not_before > timezone.now() + timedelta(seconds=90)
        (task,) = batch_tasks()
        assert task.run_after >= waiting.not_before  # it wakes for the retry, not before
        Delivery.objects.update(not_before=timezone.now())
        make_due()
        deliver()
    assert sorted(str(m["To"]) for m in smtp_server.messages) == [
        "s1@example.org",
        "s2@example.org",
    ]
    mailing.refresh_from_db()
    assert mailing.state == MailingState.SENT
    assert services.mailing_log(mailing) == services.Log(queued=0, sent=2, failed=0, skipped=0)


class RefusingBackend(EmailBackend):
    """The outbox, but the server refuses s1 for good (550)."""

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        for message in messages:
            if message.to == ["s1@example.org"]:
                raise smtplib.SMTPRecipientsRefused({"s1@example.org": (550, b"No such user")})
        return super().send_messages(messages)


def test_it_gives_up_a_delivery_the_server_refuses_for_good(
    mailoutbox: list[EmailMessage],
) -> None:
    mailing = ready_mailing(appeal_with_signers(2))
    deliver()
    with override_settings(EMAIL_BACKEND=f"{__name__}.RefusingBackend"):
        services.mailing_start(mailing=mailing)
        deliver()
    assert mailed(mailoutbox) == ["s2@example.org"]
    failed = Delivery.objects.get(state=DeliveryState.FAILED)
    assert failed.error == "SMTP 550"  # the code only: the server's words may name the address
    mailing.refresh_from_db()
    assert mailing.state == MailingState.SENT
    assert services.mailing_log(mailing) == services.Log(queued=0, sent=1, failed=1, skipped=0)


def test_it_sends_the_test_only_to_the_staff_member_in_each_language_written(
    mailoutbox: list[EmailMessage],
) -> None:
    staff = get_user_model().objects.create_user("ada", email="ada@campaign.example", password="x")
    appeal = appeal_with_signers(2)
    mailing = make_mailing(audience=Audience.APPEAL_SIGNERS, appeal=appeal)
    deliver()
    mailoutbox.clear()
    with pytest.raises(ValidationError):
        services.mailing_start(mailing=mailing)  # not before a test
    assert services.mailing_send_test(mailing=mailing, user=staff) == 2
    mailing.refresh_from_db()
    assert mailing.test_sent_at is None  # queued, not sent yet
    deliver()
    assert [m.to for m in mailoutbox] == [["ada@campaign.example"]] * 2
    assert sorted(m.subject for m in mailoutbox) == [
        "[TEST] News of the appeal",
        "[TEST] خبر فراخوان",
    ]
    assert all("List-Unsubscribe" in m.extra_headers for m in mailoutbox)
    mailing.refresh_from_db()
    assert mailing.test_sent_at is not None
    assert Delivery.objects.count() == 0

    # An edit of the text asks for a new test.
    mailing.body_en = "The appeal was delivered today, to the embassy."
    services.mailing_save(mailing=mailing, user=staff, changed=["body_en"])
    assert mailing.test_sent_at is None
    with pytest.raises(ValidationError):
        services.mailing_start(mailing=mailing)


def test_it_does_not_count_a_test_of_a_text_changed_since(
    mailoutbox: list[EmailMessage],
) -> None:
    mailing = make_mailing()
    content = services.content_of(mailing)
    Mailing.objects.filter(pk=mailing.pk).update(subject_en="Changed meanwhile")
    assert not services.mailing_mark_tested(mailing=mailing, content=content)
    assert services.mailing_mark_tested(
        mailing=mailing, content=services.content_of(Mailing.objects.get())
    )


def test_it_refuses_to_send_or_change_a_mailing_twice(mailoutbox: list[EmailMessage]) -> None:
    staff = get_user_model().objects.create_user("ada", email="ada@campaign.example", password="x")
    mailing = ready_mailing(appeal_with_signers(1))
    services.mailing_start(mailing=mailing)
    mailing.refresh_from_db()
    with pytest.raises(ValidationError):
        services.mailing_start(mailing=mailing)
    mailing.subject_en = "Again"
    with pytest.raises(ValidationError):
        services.mailing_save(mailing=mailing, user=staff, changed=["subject_en"])
    with pytest.raises(ValidationError):
        services.mailing_send_test(mailing=mailing, user=staff)
    assert Delivery.objects.count() == 1

"""Sending mailings (django-tasks, run by the worker).

`send_mailing_batch` sends one batch, the rate's share (settings.FREETHEM_MAILING_RATE mails
a minute), then queues itself again to run when the next batch may go (run_after): the worker
never sleeps on a mailing, and other mail goes out in between. A run names the mailing's run
it belongs to (Mailing.run), and hands on to the next run in the same transaction as it
queues it; pausing stops the chain after the batch under way, resuming starts a new run.

A worker killed mid-batch leaves its task to be run again once its lease runs out
(freethem.core.services.tasks_recover): the deliveries it sent but did not record are found
sent by send_once and recorded, never mailed again; a copy run after its successor was queued
finds the run moved on and does nothing, so the chain never splits in two.

`send_mailing_test` sends the staff member's test, as appeals.tasks sends its mails: retried
later with a growing delay while the server refuses.
"""

import logging
import smtplib

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from freethem.actions.models import Mailing
from freethem.actions.vocab import MailingState
from freethem.appeals.tasks import retry_delay
from freethem.core.mail import MailOutcomeUnknown, send_once

logger = logging.getLogger(__name__)


@task()
def send_mailing_batch(*, mailing_id: int, run: int) -> str:
    from freethem.actions.services.mailings import mailing_send_batch

    result = mailing_send_batch(mailing_id=mailing_id, run=run)
    if result.next_at is None:
        return f"{result.outcome} ({result.sent} sent)"
    # The next run and its task in one transaction: a copy of this task run again after its
    # worker died finds the run moved on (and stops), unless this never committed.
    with transaction.atomic():
        moved = Mailing.objects.filter(pk=mailing_id, run=run, state=MailingState.SENDING)
        if not moved.update(run=F("run") + 1):
            return f"stopped ({result.sent} sent)"
        send_mailing_batch.using(run_after=result.next_at).enqueue(
            mailing_id=mailing_id, run=run + 1
        )
    return f"sent {result.sent}, next at {result.next_at.isoformat()}"


@task()
def send_mailing_test(
    *, mailing_id: int, user_id: int, language: str, key: str, attempt: int = 1
) -> str:
    from freethem.actions.services.mailings import content_of, mailing_mark_tested, mailing_message

    mailing = Mailing.objects.select_related("appeal", "prisoner", "event").filter(pk=mailing_id)
    mailing = mailing.first()
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    email = getattr(user, "email", "")
    if mailing is None or not email:
        return "gone"
    content = content_of(mailing)
    try:
        message = mailing_message(mailing, email=email, language=language, test=True)
        if not send_once(message, key=key):
            return "sent before"
    except MailOutcomeUnknown:
        logger.warning("The test of mailing %s may not have arrived; not sent again.", mailing_id)
        return "unknown"
    except (smtplib.SMTPException, OSError) as error:
        run_after = timezone.now() + retry_delay(attempt)
        send_mailing_test.using(run_after=run_after).enqueue(
            mailing_id=mailing_id, user_id=user_id, language=language, key=key,
            attempt=attempt + 1,
        )  # fmt: skip
        logger.warning(
            "The test of mailing %s failed (%s, attempt %d); trying again after %s.",
            mailing_id,
            type(error).__name__,
            attempt,
            run_after.isoformat(),
        )
        return f"retry {attempt + 1}"
    mailing_mark_tested(mailing=mailing, content=content)
    return "sent"

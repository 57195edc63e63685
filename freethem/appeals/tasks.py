"""Background tasks of appeals (django-tasks, run by the worker): mails to signers.

A mail that the SMTP server does not take is queued again with a growing delay (2, 4, 8, ...
minutes, at most an hour apart), so nothing is lost while the server is down. Each mail has a
key of its own, kept through its retries: it is sent at most once (freethem.core.mail.send_once)
even when a task runs twice because its worker died. Task arguments are stored in the
database: they carry the signature's id and the mail's key, never an address.
"""

import logging
import smtplib
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from freethem.appeals.models import Signature
from freethem.appeals.services import MAIL_CONFIRM, signature_mark_confirm_mail_sent
from freethem.core.mail import MailOutcomeUnknown, message_key, send_once

logger = logging.getLogger(__name__)

MAX_DELAY = timedelta(hours=1)


def retry_delay(attempt: int) -> timedelta:
    """How long to wait after the attempt-th failure: 2**attempt minutes, at most an hour."""
    return min(timedelta(minutes=2 ** min(attempt, 10)), MAX_DELAY)


@task()
def send_signature_mail(*, signature_id: int, kind: str, attempt: int = 1, key: str = "") -> str:
    from freethem.appeals.mail import signature_message

    signature = Signature.objects.select_related("appeal").filter(pk=signature_id).first()
    if signature is None or not signature.email:
        return "gone"  # withdrawn or erased since: nobody to write to
    key = key or message_key()  # tasks queued before mails had keys
    try:
        if not send_once(signature_message(signature, kind), key=key):
            return "sent before"
    except MailOutcomeUnknown:
        logger.warning(
            "Mail %s to signature %s may not have arrived; not sent again.", kind, signature_id
        )
        return "unknown"
    except (smtplib.SMTPException, OSError) as error:
        run_after = timezone.now() + retry_delay(attempt)
        send_signature_mail.using(run_after=run_after).enqueue(
            signature_id=signature_id, kind=kind, attempt=attempt + 1, key=key
        )
        # No address in the log: the id finds the row for those allowed to see it.
        logger.warning(
            "Mail %s to signature %s failed (%s, attempt %d); trying again after %s.",
            kind,
            signature_id,
            type(error).__name__,
            attempt,
            run_after.isoformat(),
        )
        return f"retry {attempt + 1}"
    if kind == MAIL_CONFIRM:
        signature_mark_confirm_mail_sent(signature_id=signature_id)
    return "sent"


@task()
def make_publication(*, publication_id: int) -> str:
    """Lay out a newspaper ad or delivery pack PDF (freethem.appeals.services.publication)."""
    from freethem.appeals.services.publication import publication_run

    return publication_run(publication_id=publication_id)

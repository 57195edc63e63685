"""Background tasks of events (django-tasks, run by the worker): the mails to those who RSVP.

As appeals.tasks: a mail the SMTP server does not take is queued again with a growing delay,
and each mail has a key kept through its retries, so it is sent at most once
(freethem.core.mail.send_once). Task arguments carry the RSVP's id and the mail's key, never
an address.
"""

import logging
import smtplib

from django.utils import timezone
from django_tasks import task

from freethem.appeals.tasks import retry_delay
from freethem.core.mail import MailOutcomeUnknown, message_key, send_once
from freethem.events.models import Rsvp

logger = logging.getLogger(__name__)


@task()
def send_rsvp_mail(*, rsvp_id: int, kind: str, attempt: int = 1, key: str = "") -> str:
    from freethem.events.mail import rsvp_message

    rsvp = Rsvp.objects.select_related("event").filter(pk=rsvp_id).first()
    if rsvp is None or not rsvp.email:
        return "gone"
    key = key or message_key()
    try:
        if not send_once(rsvp_message(rsvp, kind), key=key):
            return "sent before"
    except MailOutcomeUnknown:
        logger.warning("Mail %s to RSVP %s may not have arrived; not sent again.", kind, rsvp_id)
        return "unknown"
    except (smtplib.SMTPException, OSError) as error:
        run_after = timezone.now() + retry_delay(attempt)
        send_rsvp_mail.using(run_after=run_after).enqueue(
            rsvp_id=rsvp_id, kind=kind, attempt=attempt + 1, key=key
        )
        logger.warning(
            "Mail %s to RSVP %s failed (%s, attempt %d); trying again after %s.",
            kind,
            rsvp_id,
            type(error).__name__,
            attempt,
            run_after.isoformat(),
        )
        return f"retry {attempt + 1}"
    return "sent"

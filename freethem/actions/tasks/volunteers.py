"""The volunteer's confirmation mail, sent by the worker.

As events.tasks: a mail the SMTP server does not take is queued again with a growing delay,
and each mail has a key kept through its retries, so it is sent at most once
(freethem.core.mail.send_once). The task carries the volunteer's id and the mail's key,
never an address.
"""

import logging
import smtplib

from django.utils import timezone
from django_tasks import task

from freethem.actions.models import Volunteer
from freethem.appeals.tasks import retry_delay
from freethem.core.mail import MailOutcomeUnknown, message_key, send_once

logger = logging.getLogger(__name__)


@task()
def send_volunteer_confirmation(*, volunteer_id: int, attempt: int = 1, key: str = "") -> str:
    from freethem.actions.services.volunteers import confirmation_message

    volunteer = Volunteer.objects.filter(pk=volunteer_id).first()
    if volunteer is None or not volunteer.email:
        return "gone"
    if volunteer.confirmed_at is not None:
        return "confirmed already"
    key = key or message_key()
    try:
        if not send_once(confirmation_message(volunteer), key=key):
            return "sent before"
    except MailOutcomeUnknown:
        logger.warning("Confirmation to volunteer %s may not have arrived.", volunteer_id)
        return "unknown"
    except (smtplib.SMTPException, OSError) as error:
        run_after = timezone.now() + retry_delay(attempt)
        send_volunteer_confirmation.using(run_after=run_after).enqueue(
            volunteer_id=volunteer_id, attempt=attempt + 1, key=key
        )
        logger.warning(
            "Confirmation to volunteer %s failed (%s, attempt %d); trying again after %s.",
            volunteer_id,
            type(error).__name__,
            attempt,
            run_after.isoformat(),
        )
        return f"retry {attempt + 1}"
    return "sent"

"""Background tasks of following a prisoner (django-tasks, run by the worker): the
confirmation mail, and an update's mail to the followers of its prisoners.

As events.tasks: a mail the SMTP server does not take is queued again with a growing delay,
and each mail has a key kept through its retries, so it is sent at most once
(freethem.core.mail.send_once). An update's mail to one follower is keyed by the update and
the follow, so a worker killed halfway and started again mails nobody twice. Task arguments
carry ids and keys, never an address."""

import logging
import smtplib
from itertools import islice

from django.utils import timezone
from django_tasks import task

from freethem.actions.models import Follow, Update
from freethem.actions.vocab import FollowState
from freethem.appeals.tasks import retry_delay
from freethem.core.mail import MailOutcomeUnknown, send_once

logger = logging.getLogger(__name__)

CHUNK = 500  # followers read, and checked against the unsubscribe list, at a time


@task()
def send_follow_mail(*, follow_id: int, kind: str, key: str, attempt: int = 1) -> str:
    from freethem.actions.follow_mail import follow_message

    follow = Follow.objects.select_related("prisoner").filter(pk=follow_id).first()
    if follow is None or not follow.email:
        return "gone"
    try:
        if not send_once(follow_message(follow, kind), key=key):
            return "sent before"
    except MailOutcomeUnknown:
        logger.warning(
            "Mail %s to follower %s may not have arrived; not sent again.", kind, follow_id
        )
        return "unknown"
    except (smtplib.SMTPException, OSError) as error:
        run_after = timezone.now() + retry_delay(attempt)
        send_follow_mail.using(run_after=run_after).enqueue(
            follow_id=follow_id, kind=kind, key=key, attempt=attempt + 1
        )
        logger.warning("Mail %s to follower %s failed (%s).", kind, follow_id, type(error).__name__)
        return f"retry {attempt + 1}"
    return "sent"


def followers_of(update: Update) -> list[Follow]:
    """The confirmed followers of the update's published prisoners, one per address (someone
    following two of its prisoners gets one mail), without those who unsubscribed."""
    from freethem.actions.services.follows import unsubscribed

    follows = (
        Follow.objects.filter(
            state=FollowState.CONFIRMED,
            prisoner__in=update.prisoners.published(),
        )
        .select_related("prisoner")
        .order_by("pk")
    )
    chosen: dict[str, Follow] = {}
    rows = follows.iterator(chunk_size=CHUNK)
    while chunk := list(islice(rows, CHUNK)):
        left = unsubscribed(chunk)  # one query a chunk, not one a follower
        for follow in chunk:
            if follow.email and follow.email_hash not in chosen and follow.pk not in left:
                chosen[follow.email_hash] = follow
    return list(chosen.values())


@task()
def mail_update_followers(*, update_id: int, attempt: int = 1) -> str:
    """Mail a published update to its followers, one mail each, each at most once."""
    from freethem.actions.follow_mail import update_message

    update = Update.objects.public().filter(pk=update_id).first()
    if update is None:
        return "not public"
    sent = 0
    for follow in followers_of(update):
        try:
            sent += send_once(
                update_message(follow, update), key=f"follow-update:{update.pk}:{follow.pk}"
            )
        except MailOutcomeUnknown:
            logger.warning("Update %s to follower %s may not have arrived.", update_id, follow.pk)
        except (smtplib.SMTPException, OSError) as error:
            # Everyone mailed so far is recorded: the next run skips them and goes on.
            run_after = timezone.now() + retry_delay(attempt)
            mail_update_followers.using(run_after=run_after).enqueue(
                update_id=update_id, attempt=attempt + 1
            )
            logger.warning("Update %s to followers failed (%s).", update_id, type(error).__name__)
            return f"sent {sent}, retry {attempt + 1}"
    return f"sent {sent}"

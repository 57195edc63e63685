"""Publishing updates, and mailing them to the followers of their prisoners.

An update linked to prisoners is mailed to those prisoners' confirmed followers once: the
update is claimed by one UPDATE of followers_mailed_at, in the transaction that queues the
worker's task (tasks.follows.mail_update_followers), so both happen or neither. An update
published for later is claimed by the worker's periodic job once its time has come."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from freethem.actions.models import Update
from freethem.actions.vocab import State


@transaction.atomic
def update_publish(*, update: Update, at: datetime | None = None) -> Update:
    """Publish the update: now, or at `at` (a time to come publishes it then). Its prisoners'
    followers are mailed once its time has come (now, or by the periodic job)."""
    update.state = State.PUBLISHED
    update.published_at = at or update.published_at or timezone.now()
    update.full_clean()
    update.save()
    followers_mail_queue(update=update)
    return update


@transaction.atomic
def update_unpublish(*, update: Update) -> Update:
    """Back to a draft: off the site and the feeds (followers already mailed stay mailed)."""
    update.state = State.DRAFT
    update.save(update_fields=["state", "updated_at"])
    return update


def followers_mail_queue(*, update: Update) -> bool:
    """Queue the mail to the update's followers if it is public, has prisoners, and was not
    mailed before; True when queued now. Call inside a transaction."""
    from freethem.actions.tasks.follows import mail_update_followers

    is_public = Update.objects.public().filter(pk=update.pk)
    if not is_public.filter(prisoners__isnull=False).exists():
        return False
    claimed = Update.objects.filter(pk=update.pk, followers_mailed_at__isnull=True).update(
        followers_mailed_at=timezone.now()
    )
    if claimed:
        mail_update_followers.enqueue(update_id=update.pk)
    return bool(claimed)


def updates_mail_due() -> int:
    """The worker's periodic job: queue the followers' mail of every update whose publication
    time has come since it was published (published for later). How many were queued."""
    due = Update.objects.public().filter(followers_mailed_at__isnull=True, prisoners__isnull=False)
    queued = 0
    for pk in due.values_list("pk", flat=True).distinct()[:100]:
        with transaction.atomic():
            queued += followers_mail_queue(update=Update(pk=pk))
    return queued

"""Following a prisoner: a supporter gives their email, confirms it through the mailed link
(double opt-in), and is mailed that prisoner's updates until they stop.

Kept as RSVPs are: the address encrypted, its keyed hash (subscriptions.address_hash, the
same as the unsubscribe list's) to find the one follow per person per prisoner. Asking again
with the same address stores nothing new and tells the visitor nothing: the page is the same,
and the address gets a mail (a confirmation link while pending or stopped, a "you follow
already" note with the stop link once confirmed) if the mail limits allow. Every mail a
visitor can make us send is counted per address and per network.
"""

import secrets
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone

from freethem.actions.models import Follow, Unsubscribe
from freethem.actions.subscriptions import ALL, address_hash, scope_for
from freethem.actions.vocab import FollowState
from freethem.appeals.defences import network_hash
from freethem.core import ratelimit
from freethem.core.mail import message_key
from freethem.prisoners.models import Person

# The mails (follow_mail).
MAIL_CONFIRM = "confirm"  # please confirm (asking while pending or stopped)
MAIL_FOLLOWING = "following"  # you follow already (asking again once confirmed)
MAIL_KINDS = (MAIL_CONFIRM, MAIL_FOLLOWING)

HOUR = 60 * 60
# Mails a visitor's request may send: per address an hour, per network (/24, /48) an hour.
MAILS_PER_ADDRESS = 3
MAILS_PER_NETWORK = 30
# New follows per network an hour; past it, nothing is stored and the page is the same.
FOLLOWS_PER_NETWORK = 60
KEY_MAX = 64


def followers_scope(prisoner: Person | int) -> str:
    """The list name of a prisoner's followers, as Unsubscribe rows and mail headers use it."""
    return scope_for("followers", prisoner if isinstance(prisoner, int) else prisoner.pk)


def _new_key() -> str:
    return secrets.token_urlsafe(32)  # 43 characters, 256 bits


def _mail_allowed(*, email_hash: str, ip: str) -> bool:
    """Take one visitor-triggered mail from the address's and the network's hourly share."""
    network = network_hash(ip) or "none"
    counted = [
        (f"follow-mail-address:{email_hash}", MAILS_PER_ADDRESS),
        (f"follow-mail-network:{network}", MAILS_PER_NETWORK),
    ]
    return all(ratelimit.hit(key, window=HOUR) <= limit for key, limit in counted)


def _queue(follow: Follow, kind: str) -> None:
    """Queue a mail for the worker, inside the caller's transaction."""
    from freethem.actions.tasks.follows import send_follow_mail

    send_follow_mail.enqueue(follow_id=follow.pk, kind=kind, key=message_key())


def follow_create(*, prisoner: Person, email: str, language: str, ip: str = "") -> Follow | None:
    """Store a pending follow of the prisoner and queue its confirmation mail. When this
    address follows (or asked to follow) the prisoner already, store nothing new and mail it
    (a new confirmation link while pending or stopped; a note with the stop link once
    confirmed). The caller shows the same page in every case.

    None when the network's limit of new follows is used up (nothing stored or mailed)."""
    hashed = address_hash(email)
    follow = Follow(
        prisoner=prisoner,
        email=email.strip(),
        email_hash=hashed,
        language=language,
        link_key=_new_key(),
    )
    follow.full_clean(exclude=["prisoner"], validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        existing = Follow.objects.select_for_update().filter(prisoner=prisoner, email_hash=hashed)
        found = existing.first()
        if found is None:
            network = network_hash(ip) or "none"
            if ratelimit.hit(f"follow-network:{network}", window=HOUR) > FOLLOWS_PER_NETWORK:
                return None
            try:
                with transaction.atomic():
                    follow.save(force_insert=True)
            except IntegrityError:  # a twin committed between the look-up and the insert
                found = Follow.objects.get(prisoner=prisoner, email_hash=hashed)
            else:
                if _mail_allowed(email_hash=hashed, ip=ip):
                    _queue(follow, MAIL_CONFIRM)
                return follow
        if found.state == FollowState.STOPPED:
            # Following again: pending, with a new link (the old one stays dead).
            found.state, found.link_key = FollowState.PENDING, _new_key()
            found.email, found.language = follow.email, language
            found.confirmed_at = found.stopped_at = None
            found.save()
        if _mail_allowed(email_hash=hashed, ip=ip):
            kind = MAIL_FOLLOWING if found.state == FollowState.CONFIRMED else MAIL_CONFIRM
            _queue(found, kind)
        return found


def follow_from_key(key: str) -> Follow | None:
    """The follow a mailed link names, or None."""
    if not key or len(key) > KEY_MAX:
        return None
    return Follow.objects.select_related("prisoner").filter(link_key=key).first()


@transaction.atomic
def follow_confirm(*, key: str) -> Follow | None:
    """The person confirmed their address (the button on the link's page): they follow now.
    Confirming is a fresh consent to this list, so an earlier unsubscribe from it is lifted
    (never one from every list: that one only the manage page lifts)."""
    follow = follow_from_key(key)
    if follow is None or follow.state != FollowState.PENDING:
        return follow
    follow.state, follow.confirmed_at = FollowState.CONFIRMED, timezone.now()
    follow.save(update_fields=["state", "confirmed_at"])
    Unsubscribe.objects.filter(
        email_hash=follow.email_hash, scope=followers_scope(follow.prisoner_id)
    ).delete()
    return follow


@transaction.atomic
def follow_stop(*, key: str) -> Follow | None:
    """The person stopped following (the stop link of every mail): no more mail."""
    follow = follow_from_key(key)
    if follow is None or follow.state == FollowState.STOPPED:
        return follow
    follow.state, follow.stopped_at = FollowState.STOPPED, timezone.now()
    follow.save(update_fields=["state", "stopped_at"])
    return follow


def unsubscribed(follows: Sequence[Follow]) -> set[int]:
    """The ids of those follows whose address left its prisoner's list, or every list, by an
    unsubscribe link: one query for them all."""
    left = set(
        Unsubscribe.objects.filter(
            email_hash__in={follow.email_hash for follow in follows},
            scope__in={ALL, *(followers_scope(follow.prisoner_id) for follow in follows)},
        ).values_list("email_hash", "scope")
    )
    return {
        follow.pk
        for follow in follows
        if {(follow.email_hash, ALL), (follow.email_hash, followers_scope(follow.prisoner_id))}
        & left
    }

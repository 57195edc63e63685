"""A reader's lists, found from the hashes their link carries (freethem.actions.subscriptions:
never the address), and leaving or joining them again.

Leaving a list writes an Unsubscribe row (the list builder in services.mailings leaves out
every address with one for that list or for "all"), and also turns off the consent at its
source where the list has one: a follow is stopped; a signature's wants_updates is turned off
(found by the signatures' own email hash, which the link carries). An event's list has no
consent of its own (an RSVP is for the event): the Unsubscribe row alone keeps them off it.
Joining again undoes both, for lists the reader was on.

Every look-up is bounded: follows by the address hash; signatures and RSVPs by their
(appeal, email hash) and (event, email hash) unique indexes, over at most MAX_APPEALS appeals
and the MAX_EVENTS most recent events whose RSVPs are not yet erased.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from freethem.actions.models import Follow, Unsubscribe
from freethem.actions.subscriptions import ALL, Holder, address_hash, scope_for
from freethem.actions.vocab import FollowState
from freethem.appeals.models import Appeal, Signature
from freethem.events.models import Event, Rsvp
from freethem.events.services.rsvps import KEEP_AFTER_EVENT
from freethem.events.vocab import RsvpState

MAX_APPEALS = 200
MAX_EVENTS = 200
MAX_FOLLOWS = 200
KINDS = ("appeal", "followers", "event")


def parse_scope(scope: str) -> tuple[str, int] | None:
    """("appeal", 5) for "appeal:5", ("all", 0) for "all"; None for anything else."""
    if scope == ALL:
        return ALL, 0
    kind, _colon, number = scope.partition(":")
    if kind not in KINDS or not number.isdigit() or len(number) > 18:
        return None
    return kind, int(number)


@dataclass(frozen=True)
class Entry:
    """One list a reader is on, or left."""

    scope: str
    kind: str  # "appeal", "followers", "event"
    subject: object  # the Appeal, Person or Event
    on: bool


def left_scopes(holder: Holder) -> set[str]:
    return set(
        Unsubscribe.objects.filter(email_hash=holder.address).values_list("scope", flat=True)[:1000]
    )


def _signatures(holder: Holder) -> list[Signature]:
    if not holder.signature:
        return []
    appeals = list(Appeal.objects.order_by("-pk").values_list("pk", flat=True)[:MAX_APPEALS])
    return list(
        Signature.objects.confirmed()
        .filter(appeal_id__in=appeals, email_hash=holder.signature, email__isnull=False)
        .select_related("appeal")
        .order_by("-pk")
    )


def _rsvps(holder: Holder) -> list[Rsvp]:
    if not holder.rsvp:
        return []
    recent = Event.objects.filter(ends_at__gte=timezone.now() - KEEP_AFTER_EVENT)
    events = list(recent.order_by("-starts_at").values_list("pk", flat=True)[:MAX_EVENTS])
    return list(
        Rsvp.objects.filter(
            event_id__in=events,
            email_hash=holder.rsvp,
            state__in=(RsvpState.GOING, RsvpState.WAITING),
        )
        .select_related("event")
        .prefetch_related("event__texts")
        .order_by("-event__starts_at")
    )


def _follows(holder: Holder) -> list[Follow]:
    return list(
        Follow.objects.filter(
            email_hash=holder.address,
            state__in=(FollowState.CONFIRMED, FollowState.STOPPED),
            confirmed_at__isnull=False,
        )
        .select_related("prisoner")
        .order_by("-pk")[:MAX_FOLLOWS]
    )


def subscriptions_of(holder: Holder) -> list[Entry]:
    """The lists this reader is on, or left (and may join again)."""
    left = left_scopes(holder)
    entries = []
    for follow in _follows(holder):
        scope = scope_for("followers", follow.prisoner_id)
        on = follow.state == FollowState.CONFIRMED and scope not in left
        entries.append(Entry(scope, "followers", follow.prisoner, on))
    for signature in _signatures(holder):
        scope = scope_for("appeal", signature.appeal_id)
        if signature.wants_updates or scope in left:  # never asked for news: not on a list
            on = signature.wants_updates and scope not in left
            entries.append(Entry(scope, "appeal", signature.appeal, on))
    for rsvp in _rsvps(holder):
        scope = scope_for("event", rsvp.event_id)
        entries.append(Entry(scope, "event", rsvp.event, scope not in left))
    return entries


def _record_leave(holder: Holder, scope: str) -> None:
    try:
        with transaction.atomic():
            Unsubscribe.objects.get_or_create(email_hash=holder.address, scope=scope)
    except IntegrityError:  # a second click at the same moment: it is recorded
        pass


def subscription_leave(*, holder: Holder, scope: str) -> None:
    """Leave one list (or "all": every list this reader is on, and any list to come)."""
    parsed = parse_scope(scope)
    if parsed is None:
        raise ValueError(f"not a list: {scope!r}")
    kind, number = parsed
    now = timezone.now()
    with transaction.atomic():
        if kind == ALL:
            for entry in subscriptions_of(holder):
                if entry.on:
                    subscription_leave(holder=holder, scope=entry.scope)
        elif kind == "followers":
            Follow.objects.filter(
                prisoner_id=number, email_hash=holder.address, state=FollowState.CONFIRMED
            ).update(state=FollowState.STOPPED, stopped_at=now)
        elif kind == "appeal" and holder.signature:
            Signature.objects.filter(appeal_id=number, email_hash=holder.signature).update(
                wants_updates=False
            )
        _record_leave(holder, scope)


def subscription_join(*, holder: Holder, scope: str) -> bool:
    """Join again a list this reader left (or receive mail again after leaving "all"); True
    when they are on it now. Never puts anyone on a list they were not on."""
    if scope == ALL:
        Unsubscribe.objects.filter(email_hash=holder.address, scope=ALL).delete()
        return True
    entry = next((entry for entry in subscriptions_of(holder) if entry.scope == scope), None)
    if entry is None:
        return False
    kind, number = parse_scope(scope) or ("", 0)
    with transaction.atomic():
        Unsubscribe.objects.filter(email_hash=holder.address, scope=scope).delete()
        if kind == "followers":
            Follow.objects.filter(
                prisoner_id=number, email_hash=holder.address, state=FollowState.STOPPED
            ).update(state=FollowState.CONFIRMED, stopped_at=None)
        elif kind == "appeal":
            Signature.objects.filter(appeal_id=number, email_hash=holder.signature).update(
                wants_updates=True
            )
    return True


def has_left_all(holder: Holder) -> bool:
    return Unsubscribe.objects.filter(email_hash=holder.address, scope=ALL).exists()


def has_left(holder: Holder, scope: str) -> bool:
    return Unsubscribe.objects.filter(email_hash=holder.address, scope__in=(scope, ALL)).exists()


def subscription_opted_in(*, email: str, scope: str) -> int:
    """Someone confirmed again that they want this list's mail (e.g. followed a prisoner anew,
    with double opt-in): forget that they once left it. Leaving every list ("all") stays until
    they undo it on their subscriptions page. How many rows went."""
    if parse_scope(scope) is None or scope == ALL:
        raise ValueError(f"not a list: {scope!r}")
    deleted, _by_model = Unsubscribe.objects.filter(
        email_hash=address_hash(email), scope=scope
    ).delete()
    return deleted

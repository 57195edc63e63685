"""RSVPs to campaign events: registering (double opt-in), confirming, cancelling, the waiting
list, reminders, attendance, and what an event's cancellation does to its RSVPs.

Kept as appeal signatures are: the name and email encrypted, a keyed hash of the normalised
email to find the one RSVP per person per event. Registering again with the same email stores
nothing and tells the visitor nothing: the page is the same, and the address gets a mail (a
new confirmation link while pending, its status and cancel link after) if the mail limits
allow. Every mail a visitor can make us send is counted per address and per network.

Places: an event's `capacity` counts GOING RSVPs only. Confirming takes a place or, when none
is free, a place on the waiting list; a cancellation of someone going gives the place to the
first on the list. These run in one transaction that holds the event's row (SELECT ... FOR
UPDATE on PostgreSQL; SQLite's transactions take the database's write lock as they begin,
settings' transaction_mode IMMEDIATE), so two confirmations never both take the last place.

Every mail is queued for the worker (events.tasks) in the transaction of the change that
needs it: both are stored or neither.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from freethem.appeals.defences import network_hash
from freethem.appeals.services.signing import normalise_email
from freethem.core import ratelimit
from freethem.core.crypto import keyed_hash
from freethem.core.mail import message_key
from freethem.events.models import Event, Rsvp
from freethem.events.vocab import RsvpState, State

# The mails (events.mail).
MAIL_CONFIRM = "confirm"  # please confirm (also when registering again while pending)
MAIL_GOING = "going"  # you have a place (also when registering again while going)
MAIL_WAITING = "waiting"  # you are on the waiting list (also when registering again)
MAIL_PROMOTED = "promoted"  # a place came free: you are going
MAIL_REMINDER = "reminder"  # the event is tomorrow
MAIL_EVENT_CANCELLED = "event-cancelled"  # the organisers cancelled the event
MAIL_KINDS = (
    MAIL_CONFIRM, MAIL_GOING, MAIL_WAITING, MAIL_PROMOTED, MAIL_REMINDER, MAIL_EVENT_CANCELLED,
)  # fmt: skip

HOUR = 60 * 60
# Mails a visitor's request may send: per address an hour, per network (/24, /48) an hour.
MAILS_PER_ADDRESS = 3
MAILS_PER_NETWORK = 30
# New RSVPs per network an hour; past it, nothing is stored and the page is the same.
RSVPS_PER_NETWORK = 60

# Reminders go to those going this long before the event starts.
REMIND_BEFORE = timedelta(days=1)
# How long after an event its RSVPs' names and emails are kept (for a follow-up mail or a
# question about who came), before rsvps_erase erases them.
KEEP_AFTER_EVENT = timedelta(days=30)
ERASED = "erased:"

ACTIVE = (RsvpState.PENDING, RsvpState.GOING, RsvpState.WAITING)


class RsvpClosed(Exception):
    """The event takes no RSVPs: a draft, cancelled, or started already."""


def rsvp_email_hash(email: str) -> str:
    """Keyed hash of the normalised email; its own purpose, so it matches no signature's."""
    return keyed_hash(normalise_email(email), purpose="rsvp-email")


def rsvp_is_open(event: Event, *, now: datetime | None = None) -> bool:
    """Whether the event takes RSVPs: published and not started yet."""
    return event.state == State.PUBLISHED and event.starts_at > (now or timezone.now())


def places_left(event: Event) -> int | None:
    """Free places (GOING counts), None without a limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - event.rsvps.going().count(), 0)


def waiting_position(rsvp: Rsvp) -> int | None:
    """Where the RSVP stands on its event's waiting list (1 is next), None when not on it."""
    if rsvp.state != RsvpState.WAITING:
        return None
    ahead = Q(confirmed_at__lt=rsvp.confirmed_at) | Q(
        confirmed_at=rsvp.confirmed_at, pk__lt=rsvp.pk
    )
    return Rsvp.objects.waiting().filter(ahead, event_id=rsvp.event_id).count() + 1


def _new_key() -> str:
    return secrets.token_urlsafe(32)  # 43 characters, 256 bits


def _mail_allowed(*, email_hash: str, ip: str) -> bool:
    """Take one visitor-triggered mail from the address's and the network's hourly share; False
    when either is used up (the caller sends nothing and shows the same page)."""
    network = network_hash(ip) or "none"
    counted = [
        (f"rsvp-mail-address:{email_hash}", MAILS_PER_ADDRESS),
        (f"rsvp-mail-network:{network}", MAILS_PER_NETWORK),
    ]
    return all(ratelimit.hit(key, window=HOUR) <= limit for key, limit in counted)


def _queue(rsvp: Rsvp, kind: str, *, key: str = "") -> None:
    """Queue a mail for the worker, inside the caller's transaction."""
    from freethem.events.tasks import send_rsvp_mail

    send_rsvp_mail.enqueue(rsvp_id=rsvp.pk, kind=kind, key=key or message_key())


def _status_mail(rsvp: Rsvp) -> str:
    return {
        RsvpState.GOING: MAIL_GOING,
        RsvpState.WAITING: MAIL_WAITING,
    }.get(rsvp.state, MAIL_CONFIRM)


def rsvp_create(*, event: Event, name: str, email: str, language: str, ip: str = "") -> Rsvp | None:
    """Store a pending RSVP and queue its confirmation mail. When this address has an RSVP to
    the event already, store nothing new and mail it again (a new confirmation link while
    pending, its status while going or waiting); a cancelled one is pending again, with a new
    link. The caller shows the same page in every case, so nothing tells whether it existed.

    Raises RsvpClosed when the event takes no RSVPs. None when the network's limit of new
    RSVPs is used up (nothing stored, nothing mailed)."""
    if not rsvp_is_open(event):
        raise RsvpClosed
    hashed = rsvp_email_hash(email)
    network = network_hash(ip) or "none"
    rsvp = Rsvp(
        event=event,
        name=" ".join(name.split()),
        email=email.strip(),
        email_hash=hashed,
        language=language,
        link_key=_new_key(),
    )
    rsvp.full_clean(exclude=["event"], validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        existing = Rsvp.objects.select_for_update().filter(event=event, email_hash=hashed).first()
        if existing is None:
            if ratelimit.hit(f"rsvp-network:{network}", window=HOUR) > RSVPS_PER_NETWORK:
                return None
            try:
                with transaction.atomic():
                    rsvp.save(force_insert=True)
            except IntegrityError:  # a twin committed between the look-up and the insert
                existing = Rsvp.objects.get(event=event, email_hash=hashed)
            else:
                if _mail_allowed(email_hash=hashed, ip=ip):
                    _queue(rsvp, MAIL_CONFIRM)
                return rsvp
        if existing.state == RsvpState.CANCELLED:
            # Coming after all: pending again, with a new link (the old one stays dead).
            existing.state, existing.link_key = RsvpState.PENDING, _new_key()
            existing.name, existing.language = rsvp.name, language
            existing.confirmed_at = existing.cancelled_at = existing.reminded_at = None
            existing.save()
        if _mail_allowed(email_hash=hashed, ip=ip):
            _queue(existing, _status_mail(existing))
        return existing


def rsvp_from_key(key: str) -> Rsvp | None:
    """The RSVP a mailed link names, or None."""
    if not key or len(key) > 64 or key.startswith(ERASED):
        return None
    return Rsvp.objects.select_related("event").filter(link_key=key).first()


def _lock_event(event_id: int) -> Event:
    """The event's row, held until the transaction ends (PostgreSQL; on SQLite the IMMEDIATE
    transaction holds the database's write lock already)."""
    events = Event.objects.all()
    if connection.features.has_select_for_update:
        events = events.select_for_update()
    return events.get(pk=event_id)


def _free(event: Event) -> bool:
    return event.capacity is None or event.rsvps.going().count() < event.capacity


@dataclass
class Outcome:
    rsvp: Rsvp | None
    changed: bool


@transaction.atomic
def rsvp_confirm(*, key: str) -> Outcome:
    """The person confirmed their address (the button on the link's page): GOING if a place is
    free, else WAITING, with a mail saying which. Nothing changes for an RSVP that is not
    pending, or when the event has closed."""
    found = rsvp_from_key(key)
    if found is None:
        return Outcome(None, False)
    event = _lock_event(found.event_id)
    rsvp = Rsvp.objects.select_related("event").get(pk=found.pk)
    if rsvp.state != RsvpState.PENDING or not rsvp_is_open(event):
        return Outcome(rsvp, False)
    rsvp.state = RsvpState.GOING if _free(event) else RsvpState.WAITING
    rsvp.confirmed_at = timezone.now()
    rsvp.save(update_fields=["state", "confirmed_at"])
    _queue(rsvp, _status_mail(rsvp))
    return Outcome(rsvp, True)


@transaction.atomic
def rsvp_cancel(*, key: str) -> Outcome:
    """The person cancelled (the button on the link's page). A place they held goes to the
    first on the waiting list, who is mailed."""
    found = rsvp_from_key(key)
    if found is None:
        return Outcome(None, False)
    event = _lock_event(found.event_id)
    rsvp = Rsvp.objects.select_related("event").get(pk=found.pk)
    if rsvp.state == RsvpState.CANCELLED:
        return Outcome(rsvp, False)
    was_going = rsvp.state == RsvpState.GOING
    rsvp.state, rsvp.cancelled_at = RsvpState.CANCELLED, timezone.now()
    rsvp.save(update_fields=["state", "cancelled_at"])
    if was_going and rsvp_is_open(event):
        waiting_promote(event=event)
    return Outcome(rsvp, True)


def waiting_promote(*, event: Event) -> list[Rsvp]:
    """Give every free place to the waiting list, first come first served, and mail each one
    promoted. The caller holds the event's lock (_lock_event) in its transaction."""
    promoted = []
    while _free(event):
        first = event.rsvps.waiting().first()
        if first is None:
            break
        first.state = RsvpState.GOING
        first.save(update_fields=["state"])
        _queue(first, MAIL_PROMOTED)
        promoted.append(first)
    return promoted


@transaction.atomic
def rsvps_fill(*, event: Event) -> list[Rsvp]:
    """After the event's capacity went up (or was lifted): promote from the waiting list."""
    locked = _lock_event(event.pk)
    if not rsvp_is_open(locked):
        return []
    return waiting_promote(event=locked)


def rsvps_remind(*, now: datetime | None = None) -> int:
    """Queue the reminder of every GOING RSVP to a published event that starts within a day and
    has not been reminded: the worker's periodic job (events.apps). Each RSVP is claimed by
    one UPDATE with its mail in the same transaction, so two runs never remind twice."""
    now = now or timezone.now()
    due = Rsvp.objects.filter(
        state=RsvpState.GOING,
        reminded_at__isnull=True,
        event__state=State.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + REMIND_BEFORE,
    )
    reminded = 0
    for pk in due.values_list("pk", flat=True).iterator(chunk_size=500):
        with transaction.atomic():
            if Rsvp.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now):
                _queue(Rsvp(pk=pk), MAIL_REMINDER)
                reminded += 1
    return reminded


def run_periodic() -> None:
    """The worker's periodic job for events."""
    rsvps_remind()
    rsvps_erase(now=timezone.now())


def rsvps_erase(*, now: datetime) -> int:
    """Erase the names and emails of RSVPs to events that ended KEEP_AFTER_EVENT ago: what is
    left is how many came (states, attendance), never who. Unconfirmed RSVPs go altogether.
    Returns how many RSVPs were erased."""
    ended = Rsvp.objects.filter(event__ends_at__lt=now - KEEP_AFTER_EVENT)
    with transaction.atomic():
        ended.filter(state=RsvpState.PENDING).delete()
        # An RSVP keeps its email hash until it is erased: that marks the ones still to do.
        fresh = ended.exclude(email_hash__startswith=ERASED)
        return fresh.update(
            name="",
            email="",
            # The hash could still be tested against an address; the person's links stop
            # working. Both only have to stay unique.
            email_hash=Concat(Value(ERASED), Cast("pk", CharField())),
            link_key=Concat(Value(ERASED), Cast("pk", CharField())),
        )


def rsvps_event_cancelled(event: Event) -> int:
    """The organisers cancelled the event: mail everyone pending, going or waiting. Their RSVPs
    keep their state (a record of who was coming). Each mail's key is made from the RSVP and
    the event's revision, so calling this twice for one cancellation mails once."""
    count = 0
    with transaction.atomic():
        for rsvp in event.rsvps.filter(state__in=ACTIVE).only("pk"):
            key = keyed_hash(f"{rsvp.pk}:{event.sequence}", purpose="rsvp-event-cancelled")[:32]
            _queue(rsvp, MAIL_EVENT_CANCELLED, key=key)
            count += 1
    return count


def rsvp_mark_attended(*, rsvp: Rsvp, attended: bool | None) -> Rsvp:
    """The event's organisers mark whether the person came (None: not known)."""
    rsvp.attended = attended
    rsvp.save(update_fields=["attended"])
    return rsvp

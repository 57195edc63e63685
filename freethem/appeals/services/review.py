"""Moderation at scale: the review queue's bulk decisions, and bulk invalidation by condition.

The review queue holds the signatures held for review or marked suspect that no one has decided
on yet. Approving releases and clears them (a confirmed one joins the count); rejecting keeps
them off the count and marks them rejected (the reason code "rejected"), which takes them out of
the queue. Approving a rejected signature later takes the mark away again.

A bulk invalidation marks suspect every signature that matches its conditions and is not suspect
yet (the code "invalidated"). Its preview and its run read the same frozen set: the preview
gives a fingerprint of the set (each signature's id and whether it counts), and running refuses
when the set it finds under lock has another fingerprint, so what the preview said is what
happens. It keeps which signatures it changed, with their reasons before, so undoing it
restores exactly those (not the ones that were suspect already) and the count.

Counts move through count_adjust_country (counting.py), per appeal and country, in the same
transaction as the change. Every bulk change writes an audit entry: who, what, how many, why.
"""

import hashlib
import ipaddress
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import (
    Case,
    CharField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Concat, Left, Substr, Trim
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from freethem.appeals import defences
from freethem.appeals.models import (
    Appeal,
    CountShard,
    InvalidatedSignature,
    Invalidation,
    Reason,
    Signature,
    SignatureState,
)
from freethem.appeals.services.counting import count_adjust_country
from freethem.core.audit import audit_record
from freethem.core.crypto import keyed_hash
from freethem.core.net import IPNetwork

User = AbstractBaseUser | AnonymousUser

REASON_REQUIRED = _("Say why: the reason is kept in the audit log.")
NO_CONDITION = _("Give at least one condition.")
SET_CHANGED = _(
    "The signatures matching these conditions changed since the preview: nothing was changed. "
    "Look at the new preview and run it again."
)
ALREADY_UNDONE = _("This invalidation was undone already.")
INVALID_NETWORK = _("Enter an IP address or a network such as 203.0.113.0/24.")
NETWORK_TOO_WIDE = _("That range is too wide: at most /14 for IPv4 or /38 for IPv6.")
NETWORK_TOO_BUSY = _(
    "Too many signatures in that address's /24 (or /48) to check one by one: give the /24 or "
    "/48 itself."
)
UNKNOWN_CONDITION = _("This condition is not available.")

REJECTED = Reason.REJECTED.value
INVALIDATED = Reason.INVALIDATED.value
# Signatures store the keyed hash of their /24 (IPv4) or /48 (IPv6); a wider range is looked
# up as the hashes of its /24s or /48s, at most this many.
NETWORK_UNIT = {4: 24, 6: 48}
MAX_SUBNETS = 1024
# A narrower range (one address, a /28) is checked against each candidate's own address,
# decrypted, while it is kept (30 days): at most this many candidates.
MAX_ONE_BY_ONE = 20_000
BATCH = 2000
UPDATE_BATCH = 500  # ids per UPDATE: well under SQLite's limit of parameters

# Conditions that another subject owns, by name: circulation registers "source" (its source
# codes) through condition_register(); until then neither the invalidation form nor the review
# queue offers it.
Matcher = Callable[[QuerySet[Signature], str], QuerySet[Signature]]


@dataclass(frozen=True)
class ExtraCondition:
    label: Any  # what staff read, e.g. _("source code")
    matches: Matcher  # the signatures among these that match the value
    choices: Callable[[], list[tuple[str, str]]]  # (value, label) to choose from


EXTRA_CONDITIONS: dict[str, ExtraCondition] = {}


def condition_register(name: str, condition: ExtraCondition) -> None:
    """Offer one more condition (e.g. "source") to bulk invalidation and the review queue."""
    EXTRA_CONDITIONS[name] = condition


# Conditions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Conditions:
    """What a bulk invalidation matches: every condition given must hold."""

    appeal: int | None = None
    network: str = ""  # an IP address or range (CIDR)
    domain: str = ""  # an email domain; its subdomains too
    since: datetime | None = None  # signed at or after
    until: datetime | None = None  # signed before
    country: str = ""
    extra: tuple[tuple[str, str], ...] = ()  # (name, value) of EXTRA_CONDITIONS

    def is_empty(self) -> bool:
        given = (self.appeal, self.network, self.domain, self.since, self.until, self.country)
        return not any(given) and not any(value for _name, value in self.extra)

    def as_json(self) -> dict[str, Any]:
        return {
            "appeal": self.appeal,
            "network": self.network,
            "domain": self.domain,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "country": self.country,
            "extra": [list(pair) for pair in self.extra],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Conditions":
        return cls(
            appeal=data.get("appeal"),
            network=data.get("network") or "",
            domain=data.get("domain") or "",
            since=parse_datetime(data["since"]) if data.get("since") else None,
            until=parse_datetime(data["until"]) if data.get("until") else None,
            country=data.get("country") or "",
            extra=tuple((name, value) for name, value in data.get("extra") or ()),
        )


def network_parse(text: str) -> IPNetwork:
    """An IP address or range as typed (203.0.113.7, 203.0.113.0/24, 2001:db8::/48)."""
    try:
        network = ipaddress.ip_network(text.strip(), strict=False)
    except ValueError:
        raise ValidationError(INVALID_NETWORK) from None
    unit = NETWORK_UNIT[network.version]
    if network.prefixlen < unit and 2 ** (unit - network.prefixlen) > MAX_SUBNETS:
        raise ValidationError(NETWORK_TOO_WIDE)
    return network


def _in_network(found: QuerySet[Signature], text: str) -> QuerySet[Signature]:
    network = network_parse(text)
    unit = NETWORK_UNIT[network.version]
    if network.prefixlen <= unit:
        hashes = [
            keyed_hash(str(subnet), purpose="network")
            for subnet in network.subnets(new_prefix=unit)
        ]
        return found.filter(network_hash__in=hashes)
    # Narrower than what signatures store: the /24 (or /48) first, then each address.
    candidates = found.filter(
        network_hash=defences.network_hash(str(network.network_address)), ip__isnull=False
    ).values_list("pk", "ip")[: MAX_ONE_BY_ONE + 1]
    rows = list(candidates)
    if len(rows) > MAX_ONE_BY_ONE:
        raise ValidationError(NETWORK_TOO_BUSY)
    return found.filter(pk__in=[pk for pk, ip in rows if _address_in(ip, network)])


def _address_in(ip: str, network: IPNetwork) -> bool:
    try:
        return ipaddress.ip_address(ip) in network
    except ValueError:
        return False


def signatures_matching(conditions: Conditions) -> QuerySet[Signature]:
    """Every signature (in any state) that matches all the conditions given."""
    if conditions.is_empty():
        raise ValidationError(NO_CONDITION)
    found = Signature.objects.all()
    if conditions.appeal:
        found = found.filter(appeal_id=conditions.appeal)
    if conditions.domain:
        domain = conditions.domain.strip().lstrip("@").strip(".").lower()
        found = found.filter(Q(email_domain=domain) | Q(email_domain__endswith=f".{domain}"))
    if conditions.since:
        found = found.filter(created_at__gte=conditions.since)
    if conditions.until:
        found = found.filter(created_at__lt=conditions.until)
    if conditions.country:
        found = found.filter(country=conditions.country)
    for name, value in conditions.extra:
        if name not in EXTRA_CONDITIONS:
            raise ValidationError(UNKNOWN_CONDITION)
        if value:
            found = EXTRA_CONDITIONS[name].matches(found, value)
    if conditions.network:
        found = _in_network(found, conditions.network)
    return found.order_by("pk")


# The frozen set -----------------------------------------------------------------------------

SCAN_FIELDS = ("pk", "appeal_id", "country", "state", "held", "reasons")


@dataclass
class Scan:
    """What a pass over the signatures to change found: their fingerprint, how many per appeal,
    and how many of them count now, per appeal and country."""

    digest: Any = field(default_factory=hashlib.sha256)
    changed: Counter = field(default_factory=Counter)  # appeal id -> signatures
    counted: Counter = field(default_factory=Counter)  # (appeal id, country) -> counting now

    def add(self, pk: int, appeal_id: int, country: str, counts: bool) -> None:
        self.digest.update(f"{pk}:{int(counts)}\n".encode())
        self.changed[appeal_id] += 1
        if counts:
            self.counted[(appeal_id, country)] += 1

    @property
    def fingerprint(self) -> str:
        return self.digest.hexdigest()

    @property
    def total(self) -> int:
        return sum(self.changed.values())

    @property
    def uncounted(self) -> int:
        return sum(self.counted.values())


def _counts(state: str, held: bool, suspect: bool = False) -> bool:
    return state == SignatureState.CONFIRMED and not held and not suspect


def _rows(signatures: QuerySet[Signature], fields: Iterable[str]) -> Iterator[tuple]:
    return signatures.order_by("pk").values_list(*fields).iterator(chunk_size=BATCH)


def _targets(conditions: Conditions) -> QuerySet[Signature]:
    """What an invalidation changes: the matching signatures not suspect yet."""
    return signatures_matching(conditions).filter(suspect=False)


@dataclass(frozen=True)
class Move:
    """How an appeal's count moves: signatures changed, the count before and after."""

    appeal: Appeal
    changed: int
    before: int
    after: int


@dataclass(frozen=True)
class Preview:
    conditions: Conditions
    matched: int  # every signature matching the conditions
    changed: int  # those it marks suspect (the others were suspect already)
    uncounted: int  # those taken off the count
    moves: list[Move]
    fingerprint: str


def _moves(scan: Scan) -> list[Move]:
    appeals = Appeal.objects.in_bulk(list(scan.changed))
    moves = []
    for appeal_id, changed in sorted(scan.changed.items()):
        before = sum(CountShard.totals(appeals[appeal_id]).values())
        off = sum(n for (appeal, _country), n in scan.counted.items() if appeal == appeal_id)
        moves.append(Move(appeals[appeal_id], changed, before, before - off))
    return moves


def invalidation_preview(*, conditions: Conditions) -> Preview:
    """What invalidating these conditions would do now, and the fingerprint to run it with."""
    scan = Scan()
    for pk, appeal_id, country, state, held, _reasons in _rows(_targets(conditions), SCAN_FIELDS):
        scan.add(pk, appeal_id, country, _counts(state, held))
    return Preview(
        conditions=conditions,
        matched=signatures_matching(conditions).count(),
        changed=scan.total,
        uncounted=scan.uncounted,
        moves=_moves(scan),
        fingerprint=scan.fingerprint,
    )


def _prefixed(code: str) -> Left:
    """The reasons with code in front (so it survives the 200-character cut)."""
    joined = Concat(Value(f"{code} "), F("reasons"), output_field=CharField())
    return Left(Trim(joined), 200)


def _adjust(counted: Counter, sign: int) -> None:
    appeals = Appeal.objects.in_bulk({appeal_id for appeal_id, _country in counted})
    for (appeal_id, country), n in sorted(counted.items()):
        count_adjust_country(appeal=appeals[appeal_id], country=country, delta=sign * n)


def _why(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError(REASON_REQUIRED)
    return reason


def _slugs(appeal_ids: Iterable[int]) -> str:
    return ", ".join(
        sorted(Appeal.objects.filter(pk__in=set(appeal_ids)).values_list("slug", flat=True))
    )


@transaction.atomic
def invalidation_run(
    *, conditions: Conditions, fingerprint: str, user: User, reason: str
) -> Invalidation:
    """Mark suspect the signatures the preview with this fingerprint showed, and keep which they
    were. Raises ValidationError (and changes nothing) when the set is not the same any more."""
    reason = _why(reason)
    known = user if user.is_authenticated else None
    invalidation = Invalidation.objects.create(
        conditions=conditions.as_json(),
        reason=reason[:500],
        changed=0,
        uncounted=0,
        fingerprint=fingerprint,
        user=known,
        username=known.get_username() if known else "",
    )
    scan, batch = Scan(), []
    targets = _targets(conditions).select_for_update()
    for pk, appeal_id, country, state, held, reasons in _rows(targets, SCAN_FIELDS):
        scan.add(pk, appeal_id, country, _counts(state, held))
        batch.append(
            InvalidatedSignature(invalidation=invalidation, signature_id=pk, reasons=reasons)
        )
        if len(batch) >= BATCH:
            InvalidatedSignature.objects.bulk_create(batch)
            batch = []
    InvalidatedSignature.objects.bulk_create(batch)
    if scan.fingerprint != fingerprint:
        raise ValidationError(SET_CHANGED)  # the transaction rolls back: nothing was changed
    Signature.objects.filter(invalidations__invalidation=invalidation).update(
        suspect=True, reasons=_prefixed(INVALIDATED)
    )
    _adjust(scan.counted, -1)
    invalidation.changed, invalidation.uncounted = scan.total, scan.uncounted
    invalidation.save(update_fields=["changed", "uncounted"])
    audit_record(
        user=user,
        action=gettext_noop("invalidate signatures"),
        subject=f"invalidation {invalidation.pk}: {_slugs(scan.changed)}",
        detail=f"{scan.total} signatures, {scan.uncounted} off the count. Why: {reason}",
    )
    return invalidation


@transaction.atomic
def invalidation_undo(*, invalidation: Invalidation, user: User) -> int:
    """Undo a bulk invalidation: the signatures it marked that are still suspect get their
    reasons back and join the count again if they count. Returns how many were restored."""
    locked = Invalidation.objects.select_for_update().get(pk=invalidation.pk)
    if locked.undone_at is not None:
        raise ValidationError(ALREADY_UNDONE)
    marked = Signature.objects.filter(invalidations__invalidation=locked, suspect=True)
    scan = Scan()
    for pk, appeal_id, country, state, held, _reasons in _rows(
        marked.select_for_update(), SCAN_FIELDS
    ):
        scan.add(pk, appeal_id, country, _counts(state, held))
    before = InvalidatedSignature.objects.filter(invalidation=locked, signature=OuterRef("pk"))
    Signature.objects.filter(invalidations__invalidation=locked, suspect=True).update(
        suspect=False, reasons=Subquery(before.values("reasons")[:1])
    )
    _adjust(scan.counted, +1)
    locked.undone_at = timezone.now()
    locked.undone_by = user.get_username() if user.is_authenticated else ""
    locked.save(update_fields=["undone_at", "undone_by"])
    invalidation.undone_at, invalidation.undone_by = locked.undone_at, locked.undone_by
    audit_record(
        user=user,
        action=gettext_noop("undo invalidation"),
        subject=f"invalidation {locked.pk}: {_slugs(scan.changed)}",
        detail=f"{scan.total} signatures restored, {scan.uncounted} back on the count",
    )
    return scan.total


# The review queue ---------------------------------------------------------------------------


def has_reason(code: str) -> Q:
    """Signatures with this code among their space-separated reasons."""
    return (
        Q(reasons=code)
        | Q(reasons__startswith=f"{code} ")
        | Q(reasons__endswith=f" {code}")
        | Q(reasons__contains=f" {code} ")
    )


def review_queue() -> QuerySet[Signature]:
    """Held or suspect signatures no one has decided on: not rejected, not invalidated in bulk
    (an invalidation is undone as a whole, from its own page)."""
    return (
        Signature.objects.filter(Q(held=True) | Q(suspect=True))
        .exclude(has_reason(REJECTED))
        .exclude(has_reason(INVALIDATED))
    )


def review_rejected() -> QuerySet[Signature]:
    return Signature.objects.filter(has_reason(REJECTED))


def _without(code: str) -> Case:
    """The reasons with code taken off the front."""
    return Case(
        When(reasons=code, then=Value("")),
        When(reasons__startswith=f"{code} ", then=Substr("reasons", len(code) + 2)),
        default=F("reasons"),
    )


def _decide(
    signatures: QuerySet[Signature], user: User, why: str, action: str, **changes: Any
) -> Scan:
    """Change the signatures in batches of ids taken first (SQLite gives no isolation between
    a read in progress and writes to the same table), audited; the count moves by what counts
    after the change less what counted before."""
    why = _why(why)
    rows = list(_rows(signatures.select_for_update(), ("pk", "appeal_id", "country", "state")))
    scan = Scan()
    for start in range(0, len(rows), UPDATE_BATCH):
        ids = [row[0] for row in rows[start : start + UPDATE_BATCH]]
        Signature.objects.filter(pk__in=ids).update(**changes)
    after = {"held": changes.get("held", False), "suspect": changes.get("suspect", False)}
    for pk, appeal_id, country, state in rows:
        scan.add(pk, appeal_id, country, _counts(state, **after))
    _adjust(scan.counted, +1)  # none counted before: each was held or suspect
    audit_record(
        user=user,
        action=action,
        subject=f"signatures: {_slugs(scan.changed)}",
        detail=f"{scan.total} signatures, {scan.uncounted} onto the count. Why: {why}",
    )
    return scan


@transaction.atomic
def review_approve(*, signatures: QuerySet[Signature], user: User, why: str) -> int:
    """Release and clear the held or suspect signatures among these (a rejected one too): each
    confirmed one counts. Not those of a bulk invalidation (undo it instead). Returns how many
    changed."""
    waiting = signatures.filter(Q(held=True) | Q(suspect=True)).exclude(has_reason(INVALIDATED))
    changes = {"held": False, "suspect": False, "reasons": _without(REJECTED)}
    return _decide(waiting, user, why, gettext_noop("approve signatures"), **changes).total


@transaction.atomic
def review_reject(*, signatures: QuerySet[Signature], user: User, why: str) -> int:
    """Reject the signatures among these that wait in the review queue: they stay off the count
    (suspect, whatever releases them later by hand) and leave the queue. Returns how many."""
    waiting = signatures.filter(pk__in=review_queue().values("pk"))
    changes = {"suspect": True, "reasons": _prefixed(REJECTED)}
    return _decide(waiting, user, why, gettext_noop("reject signatures"), **changes).total

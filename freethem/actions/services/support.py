"""Fundraising drives: gifts started on our form, confirmed by the payment processor's webhook
(freethem.actions.services.payments) or entered by staff, and each drive's totals.

An online gift is a PENDING row from the moment the visitor leaves for the processor's hosted
page, with a reference of ours that nobody can guess (client_reference_id); only the
processor's webhook confirms it, with the amount the processor took. Only CONFIRMED gifts in
the drive's own currency count (GiftQuerySet.counted); a gift in another currency is kept and
shown to staff, never converted at a guessed rate.

No processor script runs on our pages: we redirect to the processor's page, and the processor
is configured by the organisers (FREETHEM_PAYMENT_URL, FREETHEM_PAYMENT_WEBHOOK_SECRET). Without
it the form is not offered and the drive's page says how to give offline.
"""

import logging
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from freethem.actions.models import Drive, Gift
from freethem.actions.vocab import GiftSource, GiftState
from freethem.appeals.defences import network_hash
from freethem.core import ratelimit

logger = logging.getLogger(__name__)

HOUR = 60 * 60
# A drive's totals are computed at most this often (seconds); a confirmed gift forgets them.
TOTALS_SECONDS = 5
# Gifts started from one network (/24, /48) in an hour; past it the form says to wait.
GIFTS_PER_NETWORK = 30
# A gift that was never completed at the processor is deleted this long after it was started
# (Stripe's Checkout Sessions expire after a day at most; a bank debit may take two weeks).
PENDING_KEPT = timedelta(days=30)


class DriveClosed(Exception):
    """The drive takes no gifts: a draft, not opened yet, or past its deadline."""


class PaymentsOff(Exception):
    """No payment processor is configured: online gifts are not taken."""


class TooManyGifts(Exception):
    """This network started too many gifts in the last hour."""


@dataclass(frozen=True)
class Totals:
    """What a drive raised (confirmed gifts in its currency) and spent, for its pages."""

    goal: Decimal
    online: Decimal = Decimal(0)
    online_gifts: int = 0
    offline: Decimal = Decimal(0)
    offline_gifts: int = 0
    spent: Decimal = Decimal(0)
    expenses: int = 0
    # Confirmed gifts in another currency than the drive's: kept for staff, not added.
    other_currency: int = 0

    @property
    def raised(self) -> Decimal:
        return self.online + self.offline

    @property
    def gifts(self) -> int:
        return self.online_gifts + self.offline_gifts

    @property
    def balance(self) -> Decimal:
        return self.raised - self.spent

    @property
    def percent(self) -> int:
        """Of the goal, in whole percent (may pass 100)."""
        return int(self.raised * 100 / self.goal) if self.goal > 0 else 0

    @property
    def filled(self) -> str:
        """How far the bar is filled, in percent of its width (at most 100), with a point
        whatever the language: it goes into an SVG attribute."""
        share = min(self.raised / self.goal, Decimal(1)) if self.goal > 0 else Decimal(0)
        return f"{share * 100:.2f}"


def _totals_key(drive_id: int) -> str:
    return f"actions:drive-totals:{drive_id}"


def drive_totals(drive: Drive) -> Totals:
    """The drive's totals, computed at most every TOTALS_SECONDS (the cache), and at once after
    a gift is confirmed, refunded or entered here (totals_forget)."""
    key = _totals_key(drive.pk)
    found = cache.get(key)
    if found is None or found.goal != drive.goal:
        found = _totals(drive)
        cache.set(key, found, TOTALS_SECONDS)
    return found


def _totals(drive: Drive) -> Totals:
    online, offline = Q(source=GiftSource.ONLINE), Q(source=GiftSource.OFFLINE)
    gifts = Gift.objects.counted().filter(drive=drive)
    sums = gifts.aggregate(
        online=Sum("amount", filter=online),
        online_gifts=Count("pk", filter=online),
        offline=Sum("amount", filter=offline),
        offline_gifts=Count("pk", filter=offline),
    )
    spent = drive.expenses.filter(currency=drive.currency).aggregate(
        spent=Sum("amount"), expenses=Count("pk")
    )
    return Totals(
        goal=drive.goal,
        online=sums["online"] or Decimal(0),
        online_gifts=sums["online_gifts"],
        offline=sums["offline"] or Decimal(0),
        offline_gifts=sums["offline_gifts"],
        spent=spent["spent"] or Decimal(0),
        expenses=spent["expenses"],
        other_currency=Gift.objects.other_currency().filter(drive=drive).count(),
    )


def totals_forget(drive_id: int) -> None:
    cache.delete(_totals_key(drive_id))


def payments_configured() -> bool:
    """Whether online gifts are taken: the organisers configured a processor."""
    return bool(settings.FREETHEM_PAYMENT_URL and settings.FREETHEM_PAYMENT_WEBHOOK_SECRET)


def payment_url(gift: Gift) -> str:
    """The processor's hosted page for this gift: the configured URL with our reference as
    client_reference_id (and the amount, in minor units, when the processor takes one)."""
    url = urlsplit(settings.FREETHEM_PAYMENT_URL)
    query = [
        (key, value)
        for key, value in parse_qsl(url.query, keep_blank_values=True)
        if key not in {"client_reference_id", settings.FREETHEM_PAYMENT_AMOUNT_PARAMETER}
    ]
    query.append(("client_reference_id", gift.reference))
    if settings.FREETHEM_PAYMENT_AMOUNT_PARAMETER:
        minor = int(gift.amount * 100)
        query.append((settings.FREETHEM_PAYMENT_AMOUNT_PARAMETER, str(minor)))
    return urlunsplit(url._replace(query=urlencode(query)))


def new_reference(prefix: str = "ft") -> str:
    """Ours, unguessable (192 random bits), in the characters Stripe takes in a
    client_reference_id (letters, digits, '-' and '_', at most 200)."""
    return f"{prefix}_{secrets.token_urlsafe(24)}"


def gift_start(*, drive: Drive, amount: Decimal, public_name: str, ip: str) -> Gift:
    """A PENDING online gift, before the redirect to the processor. Raises DriveClosed,
    PaymentsOff, or TooManyGifts (nothing stored)."""
    if not drive.is_open:
        raise DriveClosed
    if not payments_configured():
        raise PaymentsOff
    network = network_hash(ip) or "none"
    if ratelimit.hit(f"gift-start:{network}", window=HOUR) > GIFTS_PER_NETWORK:
        raise TooManyGifts
    gift = Gift(
        drive=drive,
        source=GiftSource.ONLINE,
        state=GiftState.PENDING,
        amount=amount,
        currency=drive.currency,
        reference=new_reference(),
        public_name=public_name,
    )
    gift.full_clean()
    gift.save()
    return gift


def gift_confirm(
    *, reference: str, amount: Decimal, currency: str, payment_id: str = ""
) -> tuple[Gift | None, bool]:
    """Confirm the pending online gift of this reference with what the processor took;
    (gift, whether it changed). None for no such gift; a gift confirmed, failed or refunded
    before is left as it is."""
    if not reference:
        return None, False
    with transaction.atomic():
        gift = (
            Gift.objects.select_for_update()
            .select_related("drive")
            .filter(reference=reference, source=GiftSource.ONLINE)
            .first()
        )
        if gift is None or gift.state != GiftState.PENDING:
            return gift, False
        gift.amount, gift.currency, gift.payment_id = amount, currency, payment_id
        gift.state, gift.confirmed_at = GiftState.CONFIRMED, timezone.now()
        gift.received_on = timezone.localdate()
        gift.full_clean()
        gift.save()
        if currency != gift.drive.currency:
            logger.warning(
                "Gift %s was paid in %s, not in its drive's %s: kept, not added.",
                gift.pk,
                currency,
                gift.drive.currency,
            )
        _forget_on_commit(gift)
    return gift, True


def gift_fail(*, reference: str) -> tuple[Gift | None, bool]:
    """The processor says the pending gift of this reference was not paid."""
    if not reference:
        return None, False
    with transaction.atomic():
        gift = (
            Gift.objects.select_for_update()
            .filter(reference=reference, source=GiftSource.ONLINE)
            .first()
        )
        if gift is None or gift.state != GiftState.PENDING:
            return gift, False
        gift.state = GiftState.FAILED
        gift.save(update_fields=["state"])
    return gift, True


def gift_refund(*, payment_id: str, fully: bool) -> tuple[Gift | None, bool]:
    """The processor refunded the payment of a confirmed gift. A full refund takes the gift out
    of the totals; a partial one changes nothing here (staff correct the amount)."""
    with transaction.atomic():
        gift = (
            Gift.objects.select_for_update()
            .filter(payment_id=payment_id, source=GiftSource.ONLINE)
            .first()
        )
        if gift is None or gift.state != GiftState.CONFIRMED:
            return gift, False
        if not fully:
            logger.warning("Gift %s was partly refunded: staff should correct it.", gift.pk)
            return gift, False
        gift.state = GiftState.REFUNDED
        gift.save(update_fields=["state"])
        _forget_on_commit(gift)
    return gift, True


def gift_record_offline(
    *,
    drive: Drive,
    amount: Decimal,
    currency: str = "",
    received_on: date | None = None,
    name: str = "",
    email: str = "",
    public_name: str = "",
    note: str = "",
    entered_by: AbstractBaseUser | None = None,
) -> Gift:
    """A gift staff received by other means (a transfer, cash at an event): confirmed at once,
    in the drive's currency unless another is given."""
    gift = Gift(
        drive=drive,
        source=GiftSource.OFFLINE,
        state=GiftState.CONFIRMED,
        amount=amount,
        currency=(currency or drive.currency).upper(),
        reference=new_reference("offline"),
        name=name,
        email=email or None,
        public_name=public_name,
        note=note,
        received_on=received_on or timezone.localdate(),
        confirmed_at=timezone.now(),
        entered_by=entered_by,
    )
    with transaction.atomic():
        gift.full_clean()
        gift.save()
        _forget_on_commit(gift)
    return gift


def gift_correct(*, gift: Gift, amount: Decimal, state: str, public_name: str, note: str) -> Gift:
    """Staff's correction of a gift (a partial refund, a name the donor withdrew, an offline
    gift entered twice): what changes is saved and the drive's totals are counted again."""
    gift.amount, gift.state, gift.public_name, gift.note = amount, state, public_name, note
    with transaction.atomic():
        gift.full_clean()
        gift.save(update_fields=["amount", "state", "public_name", "note"])
        _forget_on_commit(gift)
    return gift


def _forget_on_commit(gift: Gift) -> None:
    """Forget the drive's totals now and again once the change is committed, so that a page
    shown in between cannot keep the old totals for TOTALS_SECONDS."""
    drive_id = gift.drive_id
    totals_forget(drive_id)
    transaction.on_commit(lambda: totals_forget(drive_id))


def gifts_prune(*, now: datetime | None = None) -> int:
    """Delete online gifts still pending PENDING_KEPT after they were started (the visitor
    left the processor's page); returns how many."""
    before = (now or timezone.now()) - PENDING_KEPT
    old = Gift.objects.filter(
        source=GiftSource.ONLINE, state=GiftState.PENDING, created_at__lt=before
    )
    deleted, _ = old.delete()
    return deleted


def run_periodic() -> None:
    """The worker's periodic job (apps.py)."""
    gifts_prune()

"""The payment processor's webhook: its signature, and what each of its events does.

The processor is Stripe (Payment Links or a hosted Checkout page), or any processor that signs
as Stripe does. Its webhook signs each delivery in the header

    Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>[,v1=...]

(several v1 while the endpoint's secret is being rolled; v0 and other schemes are ignored).
A delivery is believed when one v1 matches, compared in constant time, and t is within
TOLERANCE of our clock: an old delivery replayed by whoever recorded it is refused.

The events we act on are those of a Checkout Session, whose client_reference_id is our gift's
reference (the redirect put it there), and a charge's refund:

- checkout.session.completed with payment_status "paid" (or "no_payment_required"), and
  checkout.session.async_payment_succeeded (a bank debit that cleared later): confirm the gift,
  with the amount and currency the processor took (amount_total, in the currency's minor unit),
  never the amount the visitor typed on our form;
- checkout.session.completed with payment_status "unpaid": a bank debit under way, the gift
  stays pending;
- checkout.session.async_payment_failed and checkout.session.expired: the gift failed;
- charge.refunded (a full refund of the PaymentIntent a confirmed gift names): refunded. A
  partial refund changes nothing (logged for staff, who correct the gift by hand).

Every verified event is stored once by its id (PaymentEvent): a replay of the same delivery, or
the same event sent twice, changes nothing. State changes are one way (pending -> confirmed ->
refunded, pending -> failed), so events arriving out of order cannot undo one another.
"""

import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction

from freethem.actions.models import Gift, PaymentEvent
from freethem.actions.services.support import gift_confirm, gift_fail, gift_refund
from freethem.actions.vocab import PaymentOutcome

logger = logging.getLogger(__name__)

# Stripe's own libraries refuse a signature older (or newer) than five minutes.
TOLERANCE = 5 * 60
# A Checkout Session event is a few kilobytes; nothing we act on comes near this.
MAX_BODY = 64 * 1024
MAX_HEADER = 2048
SCHEME = "v1"

# Currencies whose amounts Stripe gives in whole units, and those with three decimals
# (Stripe's list of zero-decimal and three-decimal currencies); all others have two.
ZERO_DECIMAL = frozenset(
    "BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF".split()  # noqa: SIM905
)
THREE_DECIMAL = frozenset("BHD JOD KWD OMR TND".split())  # noqa: SIM905

CONFIRMING = ("checkout.session.completed", "checkout.session.async_payment_succeeded")
FAILING = ("checkout.session.async_payment_failed", "checkout.session.expired")
PAID = ("paid", "no_payment_required")


class BadSignature(Exception):
    """The delivery is not signed with our secret, or not recently: refused with a 400."""


class BadEvent(Exception):
    """Signed, but not an event we can read: refused with a 400 (the processor shows it)."""


@dataclass(frozen=True)
class Handled:
    outcome: str
    gift: Gift | None = None


def sign(body: bytes, *, secret: str, timestamp: int) -> str:
    """The header value the processor would send for body (tests and the demo use it)."""
    return f"t={timestamp},{SCHEME}={_digest(body, secret, str(timestamp))}"


def _digest(body: bytes, secret: str, timestamp: str) -> str:
    signed = timestamp.encode("ascii") + b"." + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def signature_verify(body: bytes, header: str, *, secret: str, now: float | None = None) -> None:
    """Raise BadSignature unless header holds a v1 signature of body made with secret less
    than TOLERANCE seconds from now."""
    if not secret:
        raise BadSignature("no webhook secret is configured")
    if len(header) > MAX_HEADER:
        raise BadSignature("signature header too long")
    timestamp, signatures = "", []
    for item in header.split(","):
        key, _, value = item.strip().partition("=")
        if key == "t":
            timestamp = value
        elif key == SCHEME:
            signatures.append(value)
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12):
        raise BadSignature("no timestamp")
    if not signatures:
        raise BadSignature(f"no {SCHEME} signature")
    if abs((time.time() if now is None else now) - int(timestamp)) > TOLERANCE:
        raise BadSignature("timestamp outside the tolerance")
    expected = _digest(body, secret, timestamp).encode()
    # Every candidate is compared, and in constant time: the answer's timing tells nothing.
    matches = [hmac.compare_digest(expected, one.encode("ascii", "replace")) for one in signatures]
    if not any(matches):
        raise BadSignature("no signature matches")


def minor_to_amount(minor: int, currency: str) -> Decimal:
    """Stripe's amount in the currency's smallest unit as an amount: 1050 USD -> 10.50."""
    code = currency.upper()
    places = 0 if code in ZERO_DECIMAL else 3 if code in THREE_DECIMAL else 2
    return Decimal(minor).scaleb(-places).quantize(Decimal("0.01"))


def event_parse(body: bytes) -> dict:
    try:
        event = json.loads(body)
    except (UnicodeDecodeError, ValueError) as error:
        raise BadEvent("not JSON") from error
    if not (
        isinstance(event, dict)
        and isinstance(event.get("id"), str)
        and 0 < len(event["id"]) <= 255
        and isinstance(event.get("type"), str)
        and isinstance(event.get("data"), dict)
        and isinstance(event["data"].get("object"), dict)
    ):
        raise BadEvent("not an event")
    return event


def payment_event_handle(body: bytes, header: str, *, now: float | None = None) -> Handled:
    """Verify, parse and act on one delivery of the webhook; BadSignature or BadEvent when it
    cannot be believed or read."""
    signature_verify(body, header, secret=settings.FREETHEM_PAYMENT_WEBHOOK_SECRET, now=now)
    event = event_parse(body)
    kind, thing = event["type"], event["data"]["object"]
    reference = _text(thing.get("client_reference_id")) if kind.startswith("checkout.") else ""
    try:
        with transaction.atomic():
            record = PaymentEvent.objects.create(
                event_id=event["id"],
                kind=kind[:100],
                reference=reference[:255],
                outcome=PaymentOutcome.IGNORED,
            )
            handled = _act(kind, thing, reference)
            record.outcome, record.gift = handled.outcome, handled.gift
            record.save(update_fields=["outcome", "gift"])
    except IntegrityError:
        # This event was handled before: a retry or a replay. Nothing changes.
        logger.info("Payment event %s (%s) received again; nothing done.", event["id"], kind)
        return Handled(PaymentOutcome.UNCHANGED)
    if handled.outcome == PaymentOutcome.UNKNOWN:
        logger.warning("Payment event %s (%s) names no gift of ours.", event["id"], kind)
    return handled


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _act(kind: str, thing: dict, reference: str) -> Handled:
    if kind in CONFIRMING:
        if thing.get("payment_status") not in PAID:
            return _known(reference, PaymentOutcome.UNCHANGED)
        amount, currency = thing.get("amount_total"), _text(thing.get("currency"))
        if not (isinstance(amount, int) and amount > 0 and len(currency) == 3):
            raise BadEvent("no amount or currency")
        gift, changed = gift_confirm(
            reference=reference,
            amount=minor_to_amount(amount, currency),
            currency=currency.upper(),
            payment_id=_text(thing.get("payment_intent"))[:120],
        )
        return _outcome(gift, changed, PaymentOutcome.CONFIRMED)
    if kind in FAILING:
        gift, changed = gift_fail(reference=reference)
        return _outcome(gift, changed, PaymentOutcome.FAILED)
    if kind == "charge.refunded":
        payment_id = _text(thing.get("payment_intent"))
        if not payment_id:
            return Handled(PaymentOutcome.IGNORED)
        fully = thing.get("refunded") is True
        gift, changed = gift_refund(payment_id=payment_id, fully=fully)
        return _outcome(gift, changed, PaymentOutcome.REFUNDED)
    return Handled(PaymentOutcome.IGNORED)


def _known(reference: str, outcome: str) -> Handled:
    gift = Gift.objects.filter(reference=reference).first() if reference else None
    return Handled(outcome if gift else PaymentOutcome.UNKNOWN, gift)


def _outcome(gift: Gift | None, changed: bool, outcome: str) -> Handled:
    if gift is None:
        return Handled(PaymentOutcome.UNKNOWN)
    return Handled(outcome if changed else PaymentOutcome.UNCHANGED, gift)

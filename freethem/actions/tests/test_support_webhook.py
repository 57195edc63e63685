"""The payment processor's webhook, /hooks/payments/: signatures checked as Stripe documents
them, a gift confirmed with the amount the processor took, replays and retries changing
nothing, failures and refunds, and the drive's progress moving when a gift is confirmed."""

import json
import time
from decimal import Decimal

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from freethem.actions.models import Gift, PaymentEvent
from freethem.actions.services.payments import sign
from freethem.actions.services.support import drive_totals, new_reference
from freethem.actions.tests.factories import make_drive
from freethem.actions.vocab import GiftSource, GiftState, PaymentOutcome

pytestmark = pytest.mark.django_db

SECRET = "whsec_test_secret"
HOOK = "/hooks/payments/"


@pytest.fixture(autouse=True)
def _processor(settings: Settings) -> None:
    settings.FREETHEM_PAYMENT_URL = "https://buy.stripe.com/test_abc"
    settings.FREETHEM_PAYMENT_WEBHOOK_SECRET = SECRET


def pending(drive: object = None, amount: str = "50") -> Gift:
    return Gift.objects.create(
        drive=drive or make_drive(),
        source=GiftSource.ONLINE,
        amount=Decimal(amount),
        currency="USD",
        reference=new_reference(),
    )


def session_event(
    gift: Gift,
    *,
    kind: str = "checkout.session.completed",
    event_id: str = "evt_1",
    **fields: object,
) -> bytes:
    session = {
        "id": "cs_test_1",
        "object": "checkout.session",
        "client_reference_id": gift.reference,
        "amount_total": 5000,
        "currency": "usd",
        "payment_status": "paid",
        "payment_intent": "pi_test_1",
        **fields,
    }
    event = {"id": event_id, "object": "event", "type": kind, "data": {"object": session}}
    return json.dumps(event).encode()


def deliver(
    client: Client,
    body: bytes,
    *,
    secret: str = SECRET,
    at: int | None = None,
    header: str | None = None,
) -> tuple[int, dict]:
    if header is None:
        header = sign(body, secret=secret, timestamp=int(time.time()) if at is None else at)
    response = client.post(
        HOOK, body, content_type="application/json", headers={"Stripe-Signature": header}
    )
    return response.status_code, response.json()


def state(gift: Gift) -> str:
    gift.refresh_from_db()
    return gift.state


def test_it_confirms_a_gift_with_the_amount_the_processor_took(client: Client) -> None:
    gift = pending(amount="50")
    body = session_event(gift, amount_total=12345, currency="usd")
    assert deliver(client, body) == (200, {"received": True, "outcome": "confirmed"})
    gift.refresh_from_db()
    assert (gift.state, gift.amount, gift.currency) == (
        GiftState.CONFIRMED,
        Decimal("123.45"),
        "USD",
    )
    assert gift.payment_id == "pi_test_1" and gift.confirmed_at is not None


def test_it_moves_the_drive_progress_when_the_webhook_confirms_a_gift(client: Client) -> None:
    drive = make_drive(slug="back-cover")
    gift = pending(drive)
    assert drive_totals(drive).raised == 0
    before = client.get("/support/back-cover/").content.decode()
    assert "$0" in before and "0 gifts" in before
    deliver(client, session_event(gift, amount_total=250000))
    page = client.get("/support/back-cover/").content.decode()
    assert "$2,500" in page and "1 gift" in page and "16% of the goal" in page
    progress = client.get("/support/back-cover/progress.json").json()
    assert progress["raised"] == "$2,500" and progress["filled"] == "16.67"


def test_it_refuses_a_wrong_secret_an_old_timestamp_and_a_tampered_body(client: Client) -> None:
    gift = pending()
    body = session_event(gift)
    assert deliver(client, body, secret="whsec_other")[0] == 400
    assert deliver(client, body, at=int(time.time()) - 6 * 60)[0] == 400
    assert deliver(client, body, at=int(time.time()) + 6 * 60)[0] == 400
    header = sign(body, secret=SECRET, timestamp=int(time.time()))
    tampered = body.replace(b"5000", b"9000")
    assert deliver(client, tampered, header=header)[0] == 400
    for bad in ("", "t=abc,v1=00", f"t={int(time.time())}", "v1=" + "0" * 64, "x" * 3000):
        assert deliver(client, body, header=bad)[0] == 400
    assert state(gift) == GiftState.PENDING and not PaymentEvent.objects.exists()


def test_it_accepts_any_of_several_signatures_while_the_secret_is_rolled(client: Client) -> None:
    gift = pending()
    body = session_event(gift)
    now = int(time.time())
    good = sign(body, secret=SECRET, timestamp=now).split(",")[1]
    header = f"t={now},v1={'0' * 64},{good},v0=ignored"
    assert deliver(client, body, header=header)[0] == 200
    assert state(gift) == GiftState.CONFIRMED


def test_it_changes_nothing_on_a_replay_or_a_retry(client: Client) -> None:
    gift = pending()
    body = session_event(gift, amount_total=5000)
    assert deliver(client, body)[1]["outcome"] == "confirmed"
    assert deliver(client, body)[1]["outcome"] == "unchanged"
    # The same session confirmed again by another event (another amount): still one gift.
    again = session_event(gift, event_id="evt_2", amount_total=999999)
    assert deliver(client, again)[1]["outcome"] == "unchanged"
    gift.refresh_from_db()
    assert gift.amount == Decimal("50.00") and PaymentEvent.objects.count() == 2
    assert drive_totals(gift.drive).raised == Decimal("50.00")


def test_it_answers_200_for_a_reference_not_ours_and_logs_it(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    stranger = Gift(reference="someone-elses", drive=make_drive())
    assert deliver(client, session_event(stranger, event_id="evt_x"))[1]["outcome"] == "unknown"
    assert "names no gift of ours" in caplog.text
    assert PaymentEvent.objects.get(event_id="evt_x").outcome == PaymentOutcome.UNKNOWN
    assert not Gift.objects.exists()


def test_it_keeps_a_bank_debit_pending_until_it_clears_or_fails(client: Client) -> None:
    cleared, bounced = pending(), pending()
    for gift, n in ((cleared, 1), (bounced, 2)):
        body = session_event(gift, event_id=f"evt_c{n}", payment_status="unpaid")
        assert deliver(client, body)[1]["outcome"] == "unchanged"
        assert state(gift) == GiftState.PENDING
    succeeded = session_event(
        cleared, kind="checkout.session.async_payment_succeeded", event_id="evt_s"
    )
    failed = session_event(bounced, kind="checkout.session.async_payment_failed", event_id="evt_f")
    assert deliver(client, succeeded)[1]["outcome"] == "confirmed"
    assert deliver(client, failed)[1]["outcome"] == "failed"
    assert (state(cleared), state(bounced)) == (GiftState.CONFIRMED, GiftState.FAILED)
    # A late confirmation cannot revive a failed gift.
    assert deliver(client, session_event(bounced, event_id="evt_late"))[1]["outcome"] == "unchanged"
    assert state(bounced) == GiftState.FAILED


def test_it_takes_a_fully_refunded_gift_out_of_the_totals(client: Client) -> None:
    gift = pending()
    deliver(client, session_event(gift))
    assert drive_totals(gift.drive).raised == Decimal("50.00")

    def refund(event_id: str, refunded: bool) -> str:
        charge = {
            "id": "ch_1",
            "object": "charge",
            "payment_intent": "pi_test_1",
            "refunded": refunded,
        }
        event = {"id": event_id, "type": "charge.refunded", "data": {"object": charge}}
        return deliver(client, json.dumps(event).encode())[1]["outcome"]

    assert refund("evt_r1", refunded=False) == "unchanged"  # partial: staff correct it
    assert state(gift) == GiftState.CONFIRMED
    assert refund("evt_r2", refunded=True) == "refunded"
    assert state(gift) == GiftState.REFUNDED and drive_totals(gift.drive).raised == 0


def test_it_records_a_gift_in_another_currency_without_adding_it(client: Client) -> None:
    gift = pending()
    deliver(client, session_event(gift, amount_total=4000, currency="eur"))
    gift.refresh_from_db()
    assert (gift.state, gift.amount, gift.currency) == (
        GiftState.CONFIRMED,
        Decimal("40.00"),
        "EUR",
    )
    totals = drive_totals(gift.drive)
    assert (totals.raised, totals.gifts, totals.other_currency) == (0, 0, 1)


def test_it_reads_amounts_of_zero_decimal_currencies(client: Client) -> None:
    gift = pending()
    deliver(client, session_event(gift, amount_total=5000, currency="jpy"))
    gift.refresh_from_db()
    assert gift.amount == Decimal("5000.00")


def test_it_refuses_what_is_not_a_signed_event_and_bounds_the_body(client: Client) -> None:
    assert client.get(HOOK).status_code == 405
    assert deliver(client, b"not json")[0] == 400
    assert deliver(client, json.dumps({"id": "evt"}).encode())[0] == 400
    gift = pending()
    no_amount = session_event(gift, amount_total=None)
    assert deliver(client, no_amount)[0] == 400 and state(gift) == GiftState.PENDING
    huge = b'{"pad": "' + b"x" * (70 * 1024) + b'"}'
    assert deliver(client, huge)[0] == 413


def test_it_ignores_events_it_does_not_act_on(client: Client) -> None:
    event = {"id": "evt_other", "type": "customer.created", "data": {"object": {"id": "cus_1"}}}
    assert deliver(client, json.dumps(event).encode()) == (
        200,
        {"received": True, "outcome": "ignored"},
    )

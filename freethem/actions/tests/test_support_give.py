"""The give form of a drive's page: a pending gift with our reference and a 303 to the
processor's page (nothing fetched from it), the amount checked with translated errors, the
offline way to give while no processor is configured, and a flood bounded per network."""

from datetime import timedelta
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from freethem.actions.models import Gift
from freethem.actions.services import support
from freethem.actions.tests.factories import make_drive
from freethem.actions.vocab import GiftSource, GiftState, State

pytestmark = pytest.mark.django_db

PAYMENT_URL = "https://buy.stripe.com/test_abc?locale=auto"


@pytest.fixture
def processor(settings: Settings) -> Settings:
    settings.FREETHEM_PAYMENT_URL = PAYMENT_URL
    settings.FREETHEM_PAYMENT_WEBHOOK_SECRET = "whsec_test"
    return settings


def give(
    client: Client,
    slug: str = "back-cover",
    prefix: str = "",
    ip: str = "127.0.0.1",
    **data: str,
) -> HttpResponse:
    values = {"preset": "50", "other": "", "public_name": "", **data}
    return client.post(f"{prefix}/support/{slug}/give/", values, REMOTE_ADDR=ip)


def test_it_starts_a_pending_gift_and_sends_the_visitor_to_the_processor(
    client: Client, processor: Settings
) -> None:
    drive = make_drive(slug="back-cover")
    response = give(client, preset="100", public_name="Shirin, Hamburg", named="on")
    assert response.status_code == 303
    gift = Gift.objects.get()
    assert (gift.drive, gift.source, gift.state) == (drive, GiftSource.ONLINE, GiftState.PENDING)
    assert (gift.amount, gift.currency, gift.public_name) == (
        Decimal(100),
        "USD",
        "Shirin, Hamburg",
    )
    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == "https://buy.stripe.com/test_abc"
    query = parse_qs(target.query)
    assert query == {"locale": ["auto"], "client_reference_id": [gift.reference]}
    assert len(gift.reference) >= 32 and gift.reference.replace("_", "").replace("-", "").isalnum()
    # Nothing counts until the processor confirms it; the page allows the form to leave for it.
    assert support.drive_totals(drive).raised == 0
    page = client.get("/support/back-cover/")
    assert "form-action 'self' https://buy.stripe.com" in page["Content-Security-Policy"]
    assert "buy.stripe.com" not in page.content.decode()  # no processor script or link


def test_it_adds_the_amount_for_a_processor_that_takes_one(
    client: Client, processor: Settings
) -> None:
    processor.FREETHEM_PAYMENT_AMOUNT_PARAMETER = "amount"
    make_drive(slug="back-cover")
    response = give(client, other="12.50")
    assert parse_qs(urlsplit(response["Location"]).query)["amount"] == ["1250"]


def test_it_names_a_donor_only_with_their_consent(client: Client, processor: Settings) -> None:
    make_drive(slug="back-cover")
    page = give(client, public_name="Daniel").content.decode()
    assert "Tick the box to have this name shown" in page
    page = give(client, named="on").content.decode()
    assert "Please type the name to show, or untick the box." in page
    assert give(client).status_code == 303
    assert Gift.objects.get().public_name == ""


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0", "The smallest gift we can take online is $1."),
        ("-5", "Please type the amount in figures, such as 40 or 12.50."),
        ("1e9", "Please type the amount in figures, such as 40 or 12.50."),
        ("12.345", "Please type the amount in figures, such as 40 or 12.50."),
        ("5000000", "Online gifts go up to $10,000. For a larger gift, please give offline"),
        ("NaN", "Please type the amount in figures, such as 40 or 12.50."),
    ],
)
def test_it_refuses_bad_amounts_with_a_clear_message(
    client: Client, processor: Settings, typed: str, message: str
) -> None:
    make_drive(slug="back-cover")
    response = give(client, preset="other", other=typed)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Gift.objects.exists()


def test_it_gives_its_errors_in_persian(client: Client, processor: Settings) -> None:
    make_drive(slug="back-cover")
    page = give(client, prefix="/fa", preset="other", other="1e9").content.decode()
    assert "لطفاً مبلغ را با رقم بنویسید، مانند ۴۰ یا ۱۲٫۵۰." in page
    page = give(client, prefix="/fa", preset="other", other="0").content.decode()
    assert "کمترین مبلغی که برخط می‌توانیم بپذیریم ۱ دلار است." in page


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("۱۰۰", "100"), ("٢٥", "25"), ("۱۲٫۵", "12.50"), ("1,250", "1250"), (" 40 ", "40")],
)
def test_it_reads_persian_digits_and_grouping(
    client: Client, processor: Settings, typed: str, amount: str
) -> None:
    make_drive(slug="back-cover")
    # The typed amount wins over the preset still ticked (as without JavaScript).
    assert give(client, preset="50", other=typed).status_code == 303
    assert Gift.objects.get().amount == Decimal(amount)


def test_it_offers_the_offline_way_while_no_processor_is_configured(
    client: Client, settings: Settings
) -> None:
    settings.FREETHEM_PAYMENT_CONTACT = "gifts@example.org"
    make_drive(slug="back-cover", offline_en="Bank transfer: IBAN DE00 1234.", offline_fa="واریز")
    page = client.get("/support/back-cover/").content.decode()
    assert "Online gifts are not set up yet." in page and "Bank transfer: IBAN DE00 1234." in page
    assert "mailto:gifts@example.org" in page and 'action="/support/back-cover/give/"' not in page
    assert "واریز" in client.get("/fa/support/back-cover/").content.decode()
    assert give(client).status_code == 409 and not Gift.objects.exists()


def test_it_takes_no_gift_for_a_closed_or_draft_drive(client: Client, processor: Settings) -> None:
    make_drive(slug="over", opens_on="2020-01-01", deadline="2020-02-01")
    make_drive(slug="draft", state=State.DRAFT)
    assert give(client, slug="over").status_code == 409
    assert give(client, slug="draft").status_code == 404
    assert "Continue to payment" not in client.get("/support/over/").content.decode()
    assert not Gift.objects.exists()


def test_it_bounds_a_flood_of_gifts_per_network(
    client: Client, processor: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(support, "GIFTS_PER_NETWORK", 3)
    make_drive(slug="back-cover")
    statuses = [give(client, ip="203.0.113.7").status_code for _ in range(5)]
    assert statuses == [303, 303, 303, 429, 429]
    neighbour = give(client, ip="203.0.113.99")
    assert neighbour.status_code == 429  # the same /24
    assert "Too many gifts were started from your network" in neighbour.content.decode()
    assert give(client, ip="198.51.100.1").status_code == 303
    assert Gift.objects.count() == 4


def test_it_stores_nothing_for_a_bot_that_fills_the_trap(
    client: Client, processor: Settings
) -> None:
    make_drive(slug="back-cover")
    response = give(client, website="http://spam.example")
    assert response.status_code == 303 and response["Location"] == "/support/back-cover/"
    assert not Gift.objects.exists()


def test_it_deletes_gifts_never_paid_a_month_on(client: Client, processor: Settings) -> None:
    drive = make_drive(slug="back-cover")
    give(client)
    give(client)
    old, recent = Gift.objects.order_by("pk")
    Gift.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    paid = support.gift_record_offline(drive=drive, amount=Decimal(5))
    Gift.objects.filter(pk=paid.pk).update(created_at=timezone.now() - timedelta(days=90))
    assert support.gifts_prune() == 1
    assert set(Gift.objects.values_list("pk", flat=True)) == {recent.pk, paid.pk}

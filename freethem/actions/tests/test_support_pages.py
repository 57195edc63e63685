"""Fundraising drives' public pages: the index (open drives, then past ones with their
reports), a drive's page (progress, named donors by their public name only), the report's
totals (online and offline, expenses in the reader's language, the balance) in both languages,
and the demo's drives."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from freethem.actions.demo import support as demo
from freethem.actions.models import Expense, Gift
from freethem.actions.services.support import drive_totals, gift_record_offline, new_reference
from freethem.actions.tests.factories import make_drive
from freethem.actions.vocab import GiftSource, GiftState, State

pytestmark = pytest.mark.django_db


def html(client: Client, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, path
    return response.content.decode()


def online(drive: object, amount: str, *, state: str = GiftState.CONFIRMED, **fields: str) -> Gift:
    return Gift.objects.create(
        drive=drive,
        source=GiftSource.ONLINE,
        state=state,
        amount=Decimal(amount),
        currency=fields.pop("currency", "USD"),
        reference=new_reference(),
        confirmed_at=timezone.now(),
        **fields,
    )


def closed_drive() -> object:
    today = timezone.localdate()
    drive = make_drive(
        slug="dossier",
        title_en="The dossier",
        title_fa="پرونده",
        opens_on=today - timedelta(days=40),
        deadline=today - timedelta(days=30),
        goal=Decimal(4000),
        report_en="Presented in Geneva.",
        report_fa="در ژنو ارائه شد.",
    )
    online(drive, "800")
    online(drive, "1010.50")
    online(drive, "99", state=GiftState.PENDING)
    online(drive, "70", state=GiftState.REFUNDED)
    gift_record_offline(drive=drive, amount=Decimal(1500))
    for days, amount, en, fa in (
        (28, "1850", "Translation", "ترجمه"),
        (25, "2980", "Printing and travel", "چاپ و سفر"),
    ):
        Expense.objects.create(
            drive=drive,
            spent_on=today - timedelta(days=days),
            amount=Decimal(amount),
            currency="USD",
            description_en=en,
            description_fa=fa,
        )
    return drive


def test_it_lists_open_drives_then_past_ones_never_drafts(client: Client) -> None:
    make_drive(slug="back-cover", title_en="Back cover")
    closed_drive()
    make_drive(slug="secret", title_en="Draft drive", state=State.DRAFT)
    page = html(client, "/support/")
    open_part, _, past_part = page.partition('id="past-title"')
    assert "Back cover" in open_part and "The dossier" in past_part
    assert "Raised $3,310.50 of $4,000; spent $4,830." in past_part
    assert "Draft drive" not in page
    html(client, "/support/secret/", 404)
    html(client, "/support/secret/report/", 404)
    html(client, "/support/" + "x" * 81 + "/", 404)
    assert "پرونده" in html(client, "/fa/support/")


def test_it_counts_only_confirmed_gifts_and_names_only_those_who_asked(client: Client) -> None:
    drive = make_drive(slug="back-cover")
    online(
        drive, "250", public_name="Shirin, Hamburg", name="Shirin Private", email="s@example.org"
    )
    online(drive, "50")
    online(drive, "1000", state=GiftState.PENDING, public_name="Not Yet Paid")
    online(drive, "75", state=GiftState.FAILED, public_name="Card Declined")
    page = html(client, "/support/back-cover/")
    assert "$300" in page and "2 gifts" in page and "2% of the goal" in page
    assert "Shirin, Hamburg" in page
    for private in ("Shirin Private", "s@example.org", "Not Yet Paid", "Card Declined"):
        assert private not in page
    assert "11 days left" in page


def test_it_reports_what_was_raised_and_spent_and_the_balance(client: Client) -> None:
    drive = closed_drive()
    totals = drive_totals(drive)
    assert (totals.online, totals.online_gifts) == (Decimal("1810.50"), 2)
    assert (totals.offline, totals.offline_gifts) == (Decimal(1500), 1)
    assert (totals.spent, totals.balance) == (Decimal(4830), Decimal("-1519.50"))
    report = html(client, "/support/dossier/report/")
    for shown in ("$1,810.50", "$1,500", "$3,310.50", "$4,830", "−$1,519.50", "Translation"):
        assert shown in report
    assert "Presented in Geneva." in report
    # A closed drive's page carries its report, and takes no gifts.
    page = html(client, "/support/dossier/")
    assert "Printing and travel" in page and "Closed" in page and 'id="give"' not in page


def test_it_gives_the_report_in_persian_with_persian_digits(client: Client) -> None:
    closed_drive()
    report = html(client, "/fa/support/dossier/report/")
    assert "ترجمه" in report and "Translation" not in report
    assert "۳٬۳۱۰٫۵۰" in report and "۴٬۸۳۰" in report and "در ژنو ارائه شد." in report


def test_it_answers_the_progress_as_json_for_the_page_script(client: Client) -> None:
    drive = make_drive(slug="back-cover")
    online(drive, "7500")
    response = client.get("/support/back-cover/progress.json")
    assert response.json() == {
        "raised": "$7,500",
        "gifts": "1 gift",
        "percent": "50% of the goal",
        "filled": "50.00",
        "valuetext": "$7,500 of $15,000",
    }
    assert response["Cache-Control"] == "public, max-age=5"
    persian = client.get("/fa/support/back-cover/progress.json").json()
    assert "۷٬۵۰۰" in persian["raised"] and persian["filled"] == "50.00"


def test_it_loads_the_demo_drives_once(client: Client) -> None:
    assert "2 demo fundraising drives" in demo.load()
    assert "already loaded" in demo.load()
    page = html(client, "/support/newspaper-back-cover/")
    assert "$15,000" in page and "11 days left" in page and "Shirin, Hamburg" in page
    report = html(client, "/support/dossier-for-geneva/report/")
    assert "Printing 300 copies of the dossier" in report

"""Demo fundraising drives: one open (printing the appeal as a newspaper's back cover, as the
real campaign did, with a goal of 15,000 US dollars and eleven days left) with gifts online and
offline, some named; and one closed a month ago, with its expenses and report. Donors' names
are made up; amounts are confirmed as if the processor had confirmed them. Dates are set
relative to the day the demo is loaded."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from freethem.actions.models import Drive, Expense, Gift
from freethem.actions.services.support import new_reference
from freethem.actions.vocab import GiftSource, GiftState, State

OFFLINE_EN = (
    "Bank transfer (demo details): Free Them All e.V., IBAN DE00 0000 0000 0000 0000 00, "
    "reference “Back cover”.\nOr bring cash to one of our events: the organisers give a receipt."
)
OFFLINE_FA = (
    "واریز بانکی (اطلاعات نمایشی): Free Them All e.V.، شمارهٔ IBAN DE00 0000 0000 0000 0000 00، "
    "با توضیح «Back cover».\nیا کمک نقدی خود را به یکی از رویدادهای ما بیاورید: برگزارکنندگان "
    "رسید می‌دهند."
)

# (amount, days ago, public name or "", online?)
OPEN_GIFTS = [
    (Decimal("1000"), 3, "Toronto Iranian Students (demo)", False),
    (Decimal("250"), 3, "Shirin, Hamburg", True),
    (Decimal("50"), 3, "", True),
    (Decimal("100"), 2, "مریم و علی", True),
    (Decimal("500"), 2, "", True),
    (Decimal("25"), 2, "Daniel K.", True),
    (Decimal("2000"), 2, "", False),
    (Decimal("75"), 1, "آرش از یوتبوری", True),
    (Decimal("100"), 1, "", True),
    (Decimal("250"), 1, "Friends of Evin's Ward 8 (demo)", True),
    (Decimal("40"), 0, "", True),
    (Decimal("500"), 0, "نسرین", True),
]

CLOSED_GIFTS = [
    (Decimal("1500"), 70, "PEN members, Oslo (demo)", False),
    (Decimal("800"), 68, "", True),
    (Decimal("650"), 66, "لیلا", True),
    (Decimal("1010"), 64, "", True),
    (Decimal("400"), 62, "Jonas W.", True),
]

CLOSED_EXPENSES = [
    (
        58,
        Decimal("1850"),
        "Translating the prisoners' dossier into English and French",
        "ترجمهٔ پروندهٔ زندانیان به انگلیسی و فرانسوی",
    ),
    (
        55,
        Decimal("980"),
        "Printing 300 copies of the dossier",
        "چاپ ۳۰۰ نسخه از پرونده",
    ),
    (
        50,
        Decimal("1420"),
        "Two family members' travel to Geneva for the Council's session",
        "هزینهٔ سفر دو تن از خانواده‌ها به ژنو برای نشست شورا",
    ),
]


def loaded() -> bool:
    return Drive.objects.filter(is_demo=True).exists()


@transaction.atomic
def load() -> str:
    """Load the demo drives once; a second call changes nothing."""
    if loaded():
        return "Demo fundraising drives already loaded."
    today = timezone.localdate()
    back_cover = Drive.objects.create(
        slug="newspaper-back-cover",
        state=State.PUBLISHED,
        title_en="Print the appeal on a newspaper's back cover",
        title_fa="چاپ فراخوان بر جلد پشت یک روزنامه",
        purpose_en=(
            "We want the appeal, with the names of everyone who signed it, on the full back "
            "page of a major European newspaper on the day the UN Human Rights Council opens "
            "its session.\n\nA back page costs 15,000 US dollars. Every dollar goes to the "
            "newspaper's invoice; what is left over pays for the next printing. The report "
            "of what was raised and spent is published here when the drive closes."
        ),
        purpose_fa=(
            "می‌خواهیم فراخوان را، با نام همهٔ امضاکنندگانش، روزی که شورای حقوق بشر سازمان ملل "
            "نشست خود را آغاز می‌کند، بر تمام صفحهٔ پشت یک روزنامهٔ بزرگ اروپایی چاپ کنیم.\n\n"
            "هزینهٔ صفحهٔ پشت ۱۵٬۰۰۰ دلار آمریکاست. هر دلار صرف صورت‌حساب روزنامه می‌شود و "
            "آنچه بماند هزینهٔ چاپ بعدی را می‌پردازد. گزارش آنچه گرد آمد و خرج شد، پس از پایان "
            "این پویش همین‌جا منتشر می‌شود."
        ),
        goal=Decimal("15000"),
        currency="USD",
        opens_on=today - timedelta(days=3),
        deadline=today + timedelta(days=11),
        offline_en=OFFLINE_EN,
        offline_fa=OFFLINE_FA,
        is_demo=True,
    )
    dossier = Drive.objects.create(
        slug="dossier-for-geneva",
        state=State.PUBLISHED,
        title_en="The prisoners' dossier for the Human Rights Council",
        title_fa="پروندهٔ زندانیان برای شورای حقوق بشر",
        purpose_en=(
            "Translate and print the dossier of the prisoners' cases, and bring two of their "
            "families to Geneva to present it to the Council's members."
        ),
        purpose_fa=(
            "ترجمه و چاپ پروندهٔ زندانیان، و آوردن دو تن از خانواده‌هایشان به ژنو تا آن را به "
            "اعضای شورا ارائه کنند."
        ),
        goal=Decimal("4000"),
        currency="USD",
        opens_on=today - timedelta(days=72),
        deadline=today - timedelta(days=60),
        report_en=(
            "The dossier was presented in Geneva to the delegations of eleven states, and two "
            "mothers of prisoners spoke at a side event. The 360 dollars over the goal paid for "
            "part of the travel; the organisers paid the rest themselves."
        ),
        report_fa=(
            "پرونده در ژنو به هیئت‌های یازده کشور ارائه شد و دو تن از مادران زندانیان در یک "
            "نشست جانبی سخن گفتند. ۳۶۰ دلار بیش از هدف، بخشی از هزینهٔ سفر را پرداخت؛ باقی را "
            "برگزارکنندگان خود پرداختند."
        ),
        is_demo=True,
    )
    gifts = _gifts(back_cover, OPEN_GIFTS) + _gifts(dossier, CLOSED_GIFTS)
    for days_ago, amount, what_en, what_fa in CLOSED_EXPENSES:
        Expense.objects.create(
            drive=dossier,
            spent_on=today - timedelta(days=days_ago),
            amount=amount,
            currency="USD",
            description_en=what_en,
            description_fa=what_fa,
        )
    return f"Loaded 2 demo fundraising drives with {gifts} gifts."


def _gifts(drive: Drive, rows: list[tuple[Decimal, int, str, bool]]) -> int:
    now = timezone.now()
    for amount, days_ago, public_name, online in rows:
        when = now - timedelta(days=days_ago, hours=len(public_name))
        gift = Gift.objects.create(
            drive=drive,
            source=GiftSource.ONLINE if online else GiftSource.OFFLINE,
            state=GiftState.CONFIRMED,
            amount=amount,
            currency=drive.currency,
            reference=new_reference("demo"),
            public_name=public_name,
            received_on=when.date(),
            is_demo=True,
        )
        # created_at is set on creation; the demo's gifts came in over the drive's days.
        Gift.objects.filter(pk=gift.pk).update(created_at=when, confirmed_at=when)
    return len(rows)

"""Demo updates: one of each kind (news, press release, factsheet, statement of support,
letter from prison) and a second news item with a video, in English and Persian, linked to
the demo prisoners, the appeal and events. Written afresh for the demo and marked is_demo:
the texts are illustrations, not reports, and quote nobody; the video's address is made up
(it shows the placeholder; the player finds no such video). Dates are set relative to the day
the demo is loaded."""

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from freethem.actions.models import Update, UpdateMedia
from freethem.actions.vocab import MediaKind, State, UpdateKind
from freethem.appeals.models import Appeal
from freethem.events.models import Event
from freethem.prisoners.models import Person

APPEAL_SLUG = "free-them-all"
DEMO_NOTE_EN = "(Demonstration text: not a report.)"
DEMO_NOTE_FA = "(متن نمونه برای نمایش؛ گزارش واقعی نیست.)"

UPDATES: list[dict[str, Any]] = [
    {
        "slug": "demo-appeal-passes-ten-thousand",
        "kind": UpdateKind.NEWS,
        "days": 1,
        "en": (
            "The appeal passes ten thousand signatures",
            "Supporters in more than forty countries have now signed the appeal to free Iran's "
            "political prisoners.",
            "Supporters in more than forty countries have now signed the appeal.\n\n"
            "Every name is one more voice asking for the immediate and unconditional release "
            "of those held for their views, their faith or their peaceful activism.\n\n"
            "Share the appeal with three people today.",
        ),
        "fa": (
            "فراخوان از ده هزار امضا گذشت",
            "هواداران در بیش از چهل کشور فراخوان آزادی زندانیان سیاسی ایران را امضا کرده‌اند.",
            "هواداران در بیش از چهل کشور فراخوان را امضا کرده‌اند.\n\n"
            "هر نام صدای دیگری است که آزادی فوری و بی‌قید و شرط کسانی را می‌خواهد که به خاطر "
            "عقیده، باور یا فعالیت مسالمت‌آمیزشان در بندند.\n\n"
            "امروز فراخوان را با سه نفر به اشتراک بگذارید.",
        ),
        "prisoners": ["narges-mohammadi", "nasrin-sotoudeh"],
        "appeals": [APPEAL_SLUG],
    },
    {
        "slug": "demo-vigil-video",
        "kind": UpdateKind.NEWS,
        "days": 3,
        "en": (
            "Watch: candles for the prisoners in Toronto",
            "A short film of last year's vigil, and how to join this year's.",
            "Hundreds came with candles and the names of the prisoners.\n\n"
            "This year's vigil is on the events page: come, and bring others.",
        ),
        "fa": (
            "ببینید: شمع برای زندانیان در تورنتو",
            "فیلمی کوتاه از شب‌زنده‌داری سال گذشته، و راه پیوستن به برنامهٔ امسال.",
            "صدها نفر با شمع و نام زندانیان آمدند.\n\n"
            "برنامهٔ امسال در صفحهٔ رویدادها است: بیایید و دیگران را هم بیاورید.",
        ),
        "prisoners": ["sepideh-gholian"],
        "events": ["demo-vigil-toronto"],
        "media": [
            (MediaKind.VIDEO, "https://www.youtube.com/watch?v=DEMOvideo01", "The vigil, filmed"),
            (MediaKind.AUDIO, "https://radio.example.org/vigil.mp3", "A report on the radio"),
        ],
    },
    {
        "slug": "demo-press-release-un",
        "kind": UpdateKind.PRESS_RELEASE,
        "days": 6,
        "en": (
            "Campaign asks the UN to raise the cases of imprisoned labour activists",
            "A dossier of cases goes to the Special Rapporteur on Iran.",
            "The campaign has sent a dossier of documented cases to the UN Special Rapporteur "
            "on the situation of human rights in Iran.\n\n"
            "For interviews, write to press@example.org.",
        ),
        "fa": (
            "کارزار از سازمان ملل می‌خواهد پرونده‌های فعالان کارگری زندانی را پیگیری کند",
            "پرونده‌ای از موارد مستند برای گزارشگر ویژه در امور ایران فرستاده شد.",
            "کارزار پرونده‌ای از موارد مستند را برای گزارشگر ویژهٔ سازمان ملل در امور وضعیت "
            "حقوق بشر در ایران فرستاده است.\n\n"
            "برای مصاحبه به press@example.org بنویسید.",
        ),
        "prisoners": ["mehran-raouf"],
        "appeals": [APPEAL_SLUG],
    },
    {
        "slug": "demo-factsheet-sentences",
        "kind": UpdateKind.FACTSHEET,
        "days": 10,
        "en": (
            "Factsheet: how prison sentences add up in Iran",
            "Imposed and enforceable terms, and why the difference matters.",
            "When several prison terms are imposed together, Iranian law usually enforces only "
            "the most severe of them.\n\n"
            "Each prisoner's page shows both totals, with the sources.",
        ),
        "fa": (
            "برگهٔ اطلاعات: محکومیت‌های زندان در ایران چگونه جمع می‌شوند",
            "مجازات صادرشده و مجازات قابل اجرا، و چرا تفاوتشان مهم است.",
            "وقتی چند حکم حبس با هم صادر می‌شود، قانون ایران معمولاً تنها شدیدترین آن‌ها را "
            "اجرا می‌کند.\n\n"
            "صفحهٔ هر زندانی هر دو جمع را با منابع نشان می‌دهد.",
        ),
        "prisoners": [],
    },
    {
        "slug": "demo-statement-writers",
        "kind": UpdateKind.STATEMENT,
        "days": 14,
        "author": "Writers in solidarity (demo)",
        "en": (
            "Writers in solidarity: free the imprisoned writers",
            "A statement of support for the writers held in Iran's prisons.",
            "We stand with our colleagues held for what they wrote.\n\n"
            "No one should be imprisoned for words.",
        ),
        "fa": (
            "نویسندگان همبسته: نویسندگان زندانی را آزاد کنید",
            "بیانیهٔ حمایت از نویسندگانی که در زندان‌های ایران در بندند.",
            "ما در کنار همکارانمان هستیم که به خاطر نوشته‌هایشان زندانی‌اند.\n\n"
            "هیچ‌کس نباید به خاطر کلمات زندانی شود.",
        ),
        "prisoners": ["nasrin-sotoudeh"],
        "events": ["demo-forum-berlin"],
    },
    {
        "slug": "demo-letter-from-prison",
        "kind": UpdateKind.PRISON_LETTER,
        "days": 20,
        "author": "A prisoner in Evin (demo)",
        "en": (
            "A letter from Evin: we hear you",
            "A letter, written for this demonstration, of the kind prisoners send out.",
            "Your letters reach us, even when they are not handed to us.\n\n"
            "Keep writing. Keep saying our names.",
        ),
        "fa": (
            "نامه‌ای از اوین: صدایتان را می‌شنویم",
            "نامه‌ای که برای این نمایش نوشته شده، از گونه‌ای که زندانیان بیرون می‌فرستند.",
            "نامه‌هایتان به ما می‌رسد، حتی وقتی به دستمان نمی‌دهند.\n\n"
            "بنویسید. نام‌هایمان را تکرار کنید.",
        ),
        "prisoners": ["narges-mohammadi"],
        "events": ["demo-online-letters"],
    },
]


def loaded() -> bool:
    return Update.objects.filter(is_demo=True).exists()


@transaction.atomic
def load() -> str:
    """Load the demo updates once; a second call changes nothing. No follower is mailed:
    the demo has no followers, and each update is marked mailed."""
    if loaded():
        return "Demo updates already loaded."
    now = timezone.now()
    for data in UPDATES:
        _update(data, now - timedelta(days=data["days"]))
    return f"Loaded {len(UPDATES)} demo updates."


def _update(data: dict[str, Any], at: datetime) -> Update:
    title_en, summary_en, body_en = data["en"]
    title_fa, summary_fa, body_fa = data["fa"]
    update = Update.objects.create(
        slug=data["slug"],
        kind=data["kind"],
        state=State.PUBLISHED,
        published_at=at,
        followers_mailed_at=at,
        author=data.get("author", ""),
        title_en=title_en,
        summary_en=summary_en,
        body_en=f"{body_en}\n\n{DEMO_NOTE_EN}",
        title_fa=title_fa,
        summary_fa=summary_fa,
        body_fa=f"{body_fa}\n\n{DEMO_NOTE_FA}",
        is_demo=True,
    )
    update.prisoners.set(Person.objects.published().filter(slug__in=data["prisoners"]))
    update.appeals.set(Appeal.objects.filter(slug__in=data.get("appeals", ())))
    update.events.set(Event.objects.filter(slug__in=data.get("events", ())))
    for position, (kind, url, title) in enumerate(data.get("media", ())):
        UpdateMedia.objects.create(
            update=update, kind=kind, url=url, title=title, position=position
        )
    return update

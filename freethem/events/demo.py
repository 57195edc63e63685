"""Demo campaign events: a forum in Berlin with limited places, a candlelight vigil in Toronto,
an online letter-writing meeting whose link only those who RSVP receive, and a rally in Paris
three weeks ago with its report and a photo. Written afresh for the demo and marked is_demo;
venues and contacts are fictitious (example.org). Dates are set relative to the day the demo
is loaded, so the upcoming ones are upcoming then. The photo is drawn here (Pillow), not
shipped as a file."""

import io
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from freethem.appeals.models import Appeal
from freethem.events.models import Event
from freethem.events.services import event_create, event_photo_add
from freethem.events.vocab import Kind, State
from freethem.prisoners.models import Person

APPEAL_SLUG = "free-them-all"
CONTACT = {"contact_name": "Free Them All (demo)", "contact_email": "events@example.org"}

EVENTS: list[dict[str, Any]] = [
    {
        "slug": "demo-forum-berlin",
        "kind": Kind.FORUM,
        "days": 12,
        "at": (18, 30),
        "hours": 2.5,
        "time_zone": "Europe/Berlin",
        "venue": "Community hall (demo venue)",
        "address": "Demo Street 1, 10115 Berlin",
        "city": "Berlin",
        "country": "DE",
        "capacity": 120,
        "prisoners": ("narges-mohammadi", "nasrin-sotoudeh", "sepideh-gholian"),
        "en": (
            "Voices from Evin: a forum on Iran's political prisoners",
            "Lawyers, former prisoners and families speak about the cases of women's rights "
            "defenders and lawyers held in Iran, and about what people abroad can do for "
            "them.\n\nThe forum is held in English and Persian. Places are limited: please "
            "RSVP, and we will keep you a seat or put you on the waiting list.",
        ),
        "fa": (
            "صداهایی از اوین: نشستی دربارهٔ زندانیان سیاسی ایران",
            "وکیلان، زندانیان پیشین و خانواده‌ها از پرونده‌های مدافعان حقوق زنان و وکیلانی "
            "می‌گویند که در ایران زندانی‌اند، و از آنچه ما در خارج از کشور می‌توانیم برایشان "
            "انجام دهیم.\n\nنشست به زبان‌های انگلیسی و فارسی برگزار می‌شود. جاها محدود است: "
            "لطفاً حضورتان را اعلام کنید تا جایی برایتان نگه داریم یا نامتان را در فهرست "
            "انتظار بنویسیم.",
        ),
    },
    {
        "slug": "demo-vigil-toronto",
        "kind": Kind.VIGIL,
        "days": 5,
        "at": (19, 0),
        "hours": 1.5,
        "time_zone": "America/Toronto",
        "venue": "Nathan Phillips Square",
        "address": "100 Queen St W, Toronto",
        "city": "Toronto",
        "country": "CA",
        "capacity": None,
        "prisoners": ("mehran-raouf", "rasoul-bodaghi", "mehdi-mahmoudian"),
        "en": (
            "Candlelight vigil for Iran's political prisoners",
            "We gather in silence with candles and the names and photos of those held in "
            "Iran's prisons for their work, their words and their protests. Bring a candle "
            "and a friend; we read their names at eight.",
        ),
        "fa": (
            "شب‌زنده‌داری با شمع برای زندانیان سیاسی ایران",
            "با شمع و با نام و عکس کسانی که به خاطر کارشان، سخنشان و اعتراضشان در زندان‌های "
            "ایران‌اند، در سکوت گرد هم می‌آییم. شمعی بیاورید و دوستی را همراه کنید؛ ساعت هشت "
            "نام‌هایشان را می‌خوانیم.",
        ),
    },
    {
        "slug": "demo-online-letters",
        "kind": Kind.ONLINE,
        "days": 9,
        "at": (19, 0),
        "hours": 1,
        "time_zone": "Europe/London",
        "online_url": "https://meet.example.org/demo-letters",
        "address_private": True,
        "capacity": 300,
        "prisoners": ("narges-mohammadi", "arash-keykhosravi"),
        "en": (
            "Online meeting: letters for the prisoners",
            "An hour together online to write to our representatives and to Iran's embassies "
            "about the prisoners on this site. We share a template, answer questions and write "
            "together. The link to the meeting is sent to those who RSVP.",
        ),
        "fa": (
            "نشست آنلاین: نامه برای زندانیان",
            "یک ساعت با هم، آنلاین، به نمایندگانمان و به سفارت‌های ایران دربارهٔ زندانیان این "
            "سایت نامه می‌نویسیم. نمونه‌نامه‌ای در اختیارتان می‌گذاریم، به پرسش‌ها پاسخ "
            "می‌دهیم و با هم می‌نویسیم. پیوند نشست برای کسانی فرستاده می‌شود که حضورشان را "
            "اعلام کنند.",
        ),
    },
    {
        "slug": "demo-rally-paris",
        "kind": Kind.RALLY,
        "days": -21,
        "at": (15, 0),
        "hours": 2,
        "time_zone": "Europe/Paris",
        "venue": "Parvis des droits de l'homme",
        "address": "Place du Trocadéro, 75116 Paris",
        "city": "Paris",
        "country": "FR",
        "capacity": None,
        "prisoners": ("nahid-taghavi", "narges-mohammadi"),
        "en": (
            "Rally for the release of Iran's political prisoners",
            "A rally in Paris for the release of every person held in Iran for their views.",
        ),
        "fa": (
            "گردهمایی برای آزادی زندانیان سیاسی ایران",
            "گردهمایی در پاریس برای آزادی همهٔ کسانی که به خاطر اندیشه‌شان در ایران زندانی‌اند.",
        ),
        "report_en": (
            "Some four hundred people came, many with photos of a relative or friend in prison. "
            "Families read letters from their loved ones, and we collected 612 signatures for "
            "the appeal on the square."
        ),
        "report_fa": (
            "نزدیک به چهارصد نفر آمدند و بسیاری عکس یکی از نزدیکان یا دوستان زندانی‌شان را در "
            "دست داشتند. خانواده‌ها نامه‌های عزیزانشان را خواندند و در میدان ۶۱۲ امضا برای "
            "درخواست جمع کردیم."
        ),
        "photo_alt_en": "A crowd with candles and photos of prisoners on a square at dusk.",
    },
]


def loaded() -> bool:
    return Event.objects.filter(is_demo=True).exists()


@transaction.atomic
def load() -> str:
    """Load the demo events once; a second call changes nothing."""
    if loaded():
        return "Demo events already loaded."
    today = timezone.localdate()
    for data in EVENTS:
        _event(data, today)
    return f"Loaded {len(EVENTS)} demo events."


def _event(data: dict[str, Any], today: date) -> Event:
    zone = ZoneInfo(data["time_zone"])
    day = today + timedelta(days=data["days"])
    starts_at = datetime(day.year, day.month, day.day, *data["at"], tzinfo=zone)
    texts = {
        "en": {"title": data["en"][0], "description": data["en"][1]},
        "fa": {"title": data["fa"][0], "description": data["fa"][1]},
    }
    if "report_en" in data:
        texts["en"]["report"] = data["report_en"]
        texts["fa"]["report"] = data["report_fa"]
    fields = {
        name: data[name]
        for name in ("venue", "address", "city", "country", "online_url", "address_private")
        if name in data
    }
    event = event_create(
        texts=texts,
        slug=data["slug"],
        kind=data["kind"],
        state=State.PUBLISHED,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=data["hours"]),
        time_zone=data["time_zone"],
        capacity=data["capacity"],
        appeal=Appeal.objects.filter(slug=APPEAL_SLUG).first(),
        is_demo=True,
        **fields,
        **CONTACT,
    )
    event.prisoners.set(Person.objects.published().filter(slug__in=data["prisoners"]))
    if "photo_alt_en" in data:
        upload = SimpleUploadedFile("rally.jpg", _drawn_photo())
        event_photo_add(event=event, upload=upload, alt=data["photo_alt_en"])
    return event


def _drawn_photo() -> bytes:
    """A square at dusk with a crowd of candles: drawn, so no photo of anyone is shipped."""
    width, height = 1200, 800
    image = Image.new("RGB", (width, height), (24, 32, 64))
    draw = ImageDraw.Draw(image)
    for row in range(height // 2):  # the sky fading to the square
        shade = 24 + row // 6
        draw.line([(0, row), (width, row)], fill=(shade, shade + 8, 64 + row // 8))
    draw.rectangle([0, height * 5 // 8, width, height], fill=(40, 40, 48))
    for n in range(140):
        x = (n * 97) % width
        y = height * 5 // 8 + ((n * 53) % (height * 3 // 8))
        draw.rectangle([x - 3, y, x + 3, y + 22], fill=(235, 228, 210))
        draw.ellipse([x - 5, y - 14, x + 5, y], fill=(255, 196, 64))
    draw.rectangle(
        [width // 4, height // 2 - 40, width * 3 // 4, height // 2 + 20], fill=(163, 18, 27)
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()

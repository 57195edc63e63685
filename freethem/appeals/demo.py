"""Demo data for appeals: one featured, open appeal with a goal, milestones and a few
confirmed signatures. The text is written afresh for the demo; every signer is fictitious
(names marked "demo", addresses at example.org), including the notable signatories. The
appeal reads like a campaign's own: the demo banner (freethem.core.demodata) says what it is."""

import secrets

from django.db import transaction
from django.utils import timezone

from freethem.appeals import search
from freethem.appeals.models import (
    Appeal,
    AppealState,
    Display,
    Notable,
    Signature,
    SignatureState,
    VerificationMeans,
)
from freethem.appeals.services import count_adjust, email_hash, public_name_for
from freethem.core.crypto import keyed_hash

SLUG = "free-them-all"

TEXT_EN = """We, the undersigned, call on the authorities of the Islamic Republic of Iran to release every person held for their political views, their faith, their journalism, their defence of human rights or their peaceful protest.

Many of them are held without a fair trial, without access to a lawyer of their choice, and in conditions that put their health and their lives at risk. Their families are threatened for speaking about them.

We ask governments, parliaments and international bodies to raise these cases at every meeting with Iranian officials until each of these prisoners is free."""

TEXT_FA = """ما امضاکنندگان از مقامات جمهوری اسلامی ایران می‌خواهیم همهٔ کسانی را که به خاطر دیدگاه سیاسی، باور دینی، کار روزنامه‌نگاری، دفاع از حقوق بشر یا اعتراض مسالمت‌آمیز زندانی شده‌اند آزاد کنند.

بسیاری از آنان بی‌دادرسی عادلانه و بدون دسترسی به وکیل انتخابی خود، در شرایطی نگه داشته می‌شوند که سلامت و جانشان را به خطر می‌اندازد. خانواده‌هایشان برای سخن گفتن از آنان تهدید می‌شوند.

از دولت‌ها، پارلمان‌ها و نهادهای بین‌المللی می‌خواهیم در هر دیدار با مقامات ایران این پرونده‌ها را پیش بکشند تا هر یک از این زندانیان آزاد شود."""

# (name, country, city, affiliation, display, notable): all fictitious.
TITLE_EN = "Free Iran's political prisoners now"
TITLE_FA = "زندانیان سیاسی ایران را همین حالا آزاد کنید"
# What demos loaded before the banner said, and the note that ended their texts.
OLD_TITLES = {"title_en": f"{TITLE_EN} (demo)", "title_fa": f"{TITLE_FA} (نمونه)"}
OLD_NOTES = {
    "text_en": "\n\n(Demo text: this appeal and its signatures are examples for trying the site.)",
    "text_fa": "\n\n(متن نمونه: این درخواست و امضاهایش برای آزمودن سایت است.)",
}

SIGNERS = [
    ("Demo Signer Amira Testwell", "GB", "London", "Professor of Law (demo)", Display.FULL, True),
    ("Demo Signer Jonas Beispiel", "DE", "Berlin", "Novelist (demo)", Display.FULL, True),
    ("نمونه امضاکننده مریم آزمون", "IR", "", "روزنامه‌نگار (نمونه)", Display.FULL, True),
    ("Demo Signer Lucie Exemple", "FR", "Lyon", "", Display.FULL, False),
    ("Demo Signer Sam Sample", "US", "Chicago", "", Display.FIRST, False),
    ("Demo Signer Ola Nordmann", "NO", "Oslo", "", Display.FULL, False),
    ("نمونه امضاکننده سارا نمونه", "CA", "Toronto", "", Display.FULL, False),
    ("Demo Signer Hidden Person", "SE", "", "", Display.HIDDEN, False),
]

# The notables' descriptions and statements (English, Persian), by name, with the verification
# every notable needs to be shown (the demo's own note says what it is).
NOTABLES = {
    "Demo Signer Amira Testwell": (
        "Professor of international law (demo)",
        "استاد حقوق بین‌الملل (نمونه)",
        "No one should be in prison for what they think or say. (demo)",
        "هیچ‌کس نباید به خاطر اندیشه یا سخنش در زندان باشد. (نمونه)",
    ),
    "Demo Signer Jonas Beispiel": ("Novelist (demo)", "رمان‌نویس (نمونه)", "", ""),
    "نمونه امضاکننده مریم آزمون": ("Journalist (demo)", "روزنامه‌نگار (نمونه)", "", ""),
}
DEMO_VERIFICATION = "demo data: fictitious signer, nothing was verified"


@transaction.atomic
def load() -> str:
    """Load the demo appeal once; a second call changes nothing."""
    if existing := Appeal.objects.filter(slug=SLUG).first():
        return _bring_up_to_date(existing)
    appeal = Appeal.objects.create(
        slug=SLUG,
        title_en=TITLE_EN,
        title_fa=TITLE_FA,
        text_en=TEXT_EN,
        text_fa=TEXT_FA,
        goal=5000,
        milestones=[100, 1000, 2500, 5000],
        state=AppealState.OPEN,
        featured=not Appeal.objects.filter(featured=True).exists(),
    )
    for number, (name, country, city, affiliation, display, notable) in enumerate(SIGNERS, 1):
        _signature(appeal, number, name, country, city, affiliation, display, notable)
    return f"Loaded the demo appeal with {len(SIGNERS)} signatures."


def loaded() -> bool:
    """Whether the site holds the demo appeal: its slug, signed from example.org."""
    return Signature.objects.filter(appeal__slug=SLUG, email_domain="example.org").exists()


def _bring_up_to_date(appeal: Appeal) -> str:
    """Take "(demo)" out of the title and the note out of the text of a demo appeal loaded
    before the banner said so; an appeal whose words an organiser changed is left alone."""
    changed = [field for field, old in OLD_TITLES.items() if getattr(appeal, field) == old]
    for field in changed:
        setattr(appeal, field, TITLE_EN if field == "title_en" else TITLE_FA)
    for field, note in OLD_NOTES.items():
        if getattr(appeal, field).endswith(note):
            setattr(appeal, field, getattr(appeal, field).removesuffix(note))
            changed.append(field)
    # Demos loaded before notables needed a verification get theirs, so they still show.
    unverified = appeal.signatures.filter(notable=True, notable_record__isnull=True)
    for signature in unverified.filter(email_domain="example.org"):
        _notable(signature)
    if changed:
        appeal.save(update_fields=changed)
        return "Demo appeal already loaded; its title no longer says (demo)."
    return "Demo appeal already loaded."


def _notable(signature: Signature) -> None:
    texts = NOTABLES.get(signature.name)
    if texts is None:
        return
    description_en, description_fa, statement_en, statement_fa = texts
    Notable.objects.create(
        signature=signature,
        verified_by_name="demo",
        verified_at=timezone.now(),
        means=VerificationMeans.OTHER,
        note=DEMO_VERIFICATION,
        description_en=description_en,
        description_fa=description_fa,
        statement_en=statement_en,
        statement_fa=statement_fa,
    )


def _signature(
    appeal: Appeal,
    number: int,
    name: str,
    country: str,
    city: str,
    affiliation: str,
    display: str,
    notable: bool,
) -> None:
    email = f"demo-signer-{number}@example.org"
    signature = Signature.objects.create(
        appeal=appeal,
        name=name,
        public_name=public_name_for(name=name, display=display),
        email=email,
        email_hash=email_hash(email),
        email_domain="example.org",
        country=country,
        city=city,
        affiliation=affiliation,
        display=display,
        language="en",
        notable=notable,
        state=SignatureState.CONFIRMED,
        confirmed_at=timezone.now(),
        network_hash=keyed_hash("192.0.2.0/24", purpose="network"),
        link_key=secrets.token_hex(32),
    )
    search.keys_write([signature])
    count_adjust(signature=signature, delta=1)
    if notable:
        _notable(signature)

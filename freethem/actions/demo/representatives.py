"""Demo data: representatives in Britain, Germany, Canada and the United States (fictional
people, marked "(demo)", with example.org addresses), a default message in English and
Persian, and one of Germany's own in English."""

from django.db import transaction

from freethem.actions.models import Representative, RepresentativeMessage

PEOPLE = [
    ("GB", "Alex Morgan (demo)", "Member of Parliament for Demo North", "House of Commons",
     "House of Commons\nLondon SW1A 0AA\nUnited Kingdom", "alex.morgan@example.org",
     "+44 20 7946 0000", "Dear Alex Morgan"),
    ("GB", "Priya Shah (demo)", "Minister for the Middle East (demo)", "Foreign Office (demo)",
     "King Charles Street (demo)\nLondon SW1A 2AH\nUnited Kingdom", "minister@example.org",
     "", "Dear Minister"),
    ("DE", "Jana Becker (demo)", "Mitglied des Bundestages", "Deutscher Bundestag",
     "Platz der Republik 1\n11011 Berlin\nDeutschland", "jana.becker@example.org",
     "+49 30 000000", "Sehr geehrte Frau Becker"),
    ("CA", "Sam Tremblay (demo)", "Member of Parliament for Demo Centre", "House of Commons",
     "House of Commons\nOttawa ON K1A 0A6\nCanada", "sam.tremblay@example.org",
     "+1 613 555 0100", "Dear Sam Tremblay"),
    ("US", "Jordan Lee (demo)", "Senator (demo)", "United States Senate",
     "Demo Senate Office Building\nWashington, DC 20510\nUnited States",
     "senator.lee@example.org", "+1 202 555 0100", "Dear Senator Lee"),
]  # fmt: skip

DEFAULT_EN = (
    "Please speak up for Iran's political prisoners",
    "{salutation},\n\nI am writing to you as one of your constituents about the political "
    "prisoners held in Iran: human rights defenders, lawyers, journalists, "
    "students and artists jailed for what they said or wrote.\n\nPlease ask Iran's "
    "authorities to release them immediately and unconditionally, raise their cases in "
    "public, and ask our government to do the same.\n\nThank you for your attention.\n\n"
    "Yours sincerely,\n{supporter}\n{date}",
)
DEFAULT_FA = (
    "لطفاً برای زندانیان سیاسی ایران صدایتان را بلند کنید",
    "{salutation}،\n\nبه‌عنوان یکی از شهروندان حوزهٔ شما در {country} دربارهٔ زندانیان "
    "سیاسی ایران برایتان می‌نویسم: مدافعان حقوق بشر، وکیلان، روزنامه‌نگاران، دانشجویان و "
    "هنرمندانی که به خاطر گفته‌ها و نوشته‌هایشان زندانی شده‌اند.\n\nلطفاً از مقامات "
    "ایران بخواهید آنان را فوراً و بی‌قیدوشرط آزاد کنند، پرونده‌هایشان را علنی مطرح کنید "
    "و از دولت ما نیز همین را بخواهید.\n\nسپاس از توجه شما.\n\nبا احترام،\n{supporter}\n{date}",
)
GERMANY_EN = (
    "A question for the Bundestag: Iran's political prisoners",
    "{salutation},\n\nAs a voter in Germany I ask you to put a written question to the "
    "Federal Government about Iran's political prisoners, and to take on the sponsorship "
    "of one of them through the Bundestag's programme for persecuted human rights "
    "defenders.\n\nWith kind regards,\n{supporter}\n{date}",
)


def loaded() -> bool:
    return Representative.objects.filter(is_demo=True).exists()


@transaction.atomic
def load() -> str:
    if loaded():
        return ""
    for position, (country, name, title, body, address, email, phone, salutation) in enumerate(
        PEOPLE
    ):
        Representative.objects.create(
            country=country, name=name, title=title, body=body, address=address, email=email,
            phone=phone, salutation=salutation, position=position, is_demo=True,
            website="https://example.org/",
        )  # fmt: skip
    for country, language, (subject, body) in (
        ("", "en", DEFAULT_EN),
        ("", "fa", DEFAULT_FA),
        ("DE", "en", GERMANY_EN),
    ):
        RepresentativeMessage.objects.get_or_create(
            country=country, language=language, defaults={"subject": subject, "body": body}
        )
    return f"{len(PEOPLE)} demo representatives in 4 countries, with their messages"

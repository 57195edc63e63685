"""Demo urgent actions: two open (Narges Mohammadi denied medical care, Mehran Raouf in
solitary confinement) and one closed (Nasrin Sotoudeh), each with the Head of the Judiciary to
write to, embassies to copy and model letters in English and Persian. Written afresh for the
demo and marked is_demo. The postal addresses are the public ones campaigns publish; every
email address is example.org, so the demo never mails a real office. Dates are relative to the
day the demo is loaded."""

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from freethem.actions.models import ModelLetter, Official, UrgentAction
from freethem.actions.vocab import OfficialRole, State
from freethem.prisoners.models import Person

JUDICIARY = {
    "name": "Gholamhossein Mohseni Ejei",
    "title": "Head of the Judiciary, Islamic Republic of Iran",
    "address": "c/o Permanent Mission of Iran to the United Nations\n"
    "Chemin du Petit-Saconnex 28\n1209 Geneva\nSwitzerland",
    "email": "judiciary.demo@example.org",
    "fax": "",
    "salutation": "Dear Head of the Judiciary",
    "language": "en",
}
EMBASSIES = [
    {
        "name": "Embassy of the Islamic Republic of Iran, London",
        "address": "16 Prince's Gate\nLondon SW7 1PT\nUnited Kingdom",
        "email": "embassy-london.demo@example.org",
        "country": "GB",
    },
    {
        "name": "Botschaft der Islamischen Republik Iran, Berlin",
        "address": "Podbielskiallee 65-67\n14195 Berlin\nGermany",
        "email": "embassy-berlin.demo@example.org",
        "country": "DE",
    },
]

LETTER_EN = (
    "{salutation},\n\n"
    "I am writing to you about {prisoner}, held in {prison}. {case_en}\n\n"
    "I urge you to {ask_en}\n\n"
    "I will keep following this case, with many others around the world.\n\n"
    "Yours sincerely,\n{supporter}"
)
LETTER_FA = (
    "{salutation}،\n\n"
    "این نامه را دربارهٔ {prisoner} می‌نویسم که در {prison} نگهداری می‌شود. {case_fa}\n\n"
    "از شما می‌خواهم {ask_fa}\n\n"
    "من و بسیاری دیگر در سراسر جهان این پرونده را دنبال خواهیم کرد.\n\n"
    "با احترام،\n{supporter}"
)

ACTIONS: list[dict[str, Any]] = [
    {
        "slug": "demo-narges-mohammadi-medical-care",
        "prisoner": "narges-mohammadi",
        "reference": "UA 31/26",
        "issued": -6,
        "taken": 1240,
        "expires": 36,
        "title_en": "Give Narges Mohammadi the medical care she needs",
        "title_fa": "درمان پزشکی لازم را برای نرگس محمدی فراهم کنید",
        "summary_en": "Human rights defender Narges Mohammadi has been denied transfer to a "
        "hospital for heart and lung tests her doctors say are urgent. Prison officials make "
        "her treatment conditional on wearing a compulsory headscarf.",
        "summary_fa": "درخواست انتقال نرگس محمدی، مدافع حقوق بشر، به بیمارستان برای آزمایش‌های "
        "قلب و ریه که پزشکانش آن را فوری می‌دانند رد شده است. مسئولان زندان درمان او را به "
        "پوشیدن حجاب اجباری مشروط کرده‌اند.",
        "demands_en": "Give her immediate access to the specialist care she needs, without "
        "conditions.\nRelease her immediately and unconditionally.",
        "demands_fa": "بی‌درنگ و بدون هیچ شرطی درمان تخصصی لازم را در اختیارش بگذارید.\n"
        "او را فوراً و بدون قید و شرط آزاد کنید.",
        "card_en": "Dear Narges, we think of you every day. Wishing you strength and good health.",
        "card_fa": "نرگس عزیز، هر روز به یادت هستیم. برایت توان و تندرستی آرزو می‌کنیم.",
        "case_en": "She has been denied the hospital care her doctors call urgent.",
        "case_fa": "او از درمان بیمارستانی که پزشکانش فوری می‌دانند محروم شده است.",
        "ask_en": "ensure she receives the medical care she needs without conditions, and to "
        "release her immediately and unconditionally.",
        "ask_fa": "دسترسی او را بدون هیچ شرطی به درمان لازم تضمین کنید و او را فوراً و بدون "
        "قید و شرط آزاد کنید.",
    },
    {
        "slug": "demo-mehran-raouf-solitary",
        "prisoner": "mehran-raouf",
        "reference": "UA 34/26",
        "issued": -2,
        "taken": 386,
        "expires": 40,
        "title_en": "End Mehran Raouf's solitary confinement",
        "title_fa": "به سلول انفرادی مهران رئوف پایان دهید",
        "summary_en": "British-Iranian labour rights activist Mehran Raouf has again been held "
        "in prolonged solitary confinement, which amounts to torture under international law.",
        "summary_fa": "مهران رئوف، فعال حقوق کارگری ایرانی-بریتانیایی، بار دیگر برای مدتی "
        "طولانی در سلول انفرادی نگه داشته شده است که به حکم حقوق بین‌الملل شکنجه است.",
        "demands_en": "End his solitary confinement now.\nLet him see his family and a lawyer "
        "of his choosing.\nRelease him.",
        "demands_fa": "همین حالا به انفرادی او پایان دهید.\nاجازه دهید با خانواده و وکیل "
        "انتخابی خود دیدار کند.\nاو را آزاد کنید.",
        "card_en": "Dear Mehran, you are not alone. Warm greetings from friends far away.",
        "card_fa": "مهران عزیز، تنها نیستی. درودهای گرم از دوستانی دور.",
        "case_en": "He is held in prolonged solitary confinement.",
        "case_fa": "او مدتی طولانی در سلول انفرادی نگه داشته شده است.",
        "ask_en": "end his solitary confinement, let him see his family and lawyer, and "
        "release him.",
        "ask_fa": "به انفرادی او پایان دهید، اجازهٔ دیدار با خانواده و وکیلش را بدهید و او "
        "را آزاد کنید.",
    },
    {
        "slug": "demo-nasrin-sotoudeh-lawyer",
        "prisoner": "nasrin-sotoudeh",
        "reference": "UA 12/26",
        "issued": -80,
        "taken": 2105,
        "expires": -20,
        "title_en": "Drop the new charges against Nasrin Sotoudeh",
        "title_fa": "اتهام‌های تازه علیه نسرین ستوده را کنار بگذارید",
        "summary_en": "Human rights lawyer Nasrin Sotoudeh faced new charges after attending a "
        "funeral. This action is closed; the case is followed on her page.",
        "summary_fa": "نسرین ستوده، وکیل حقوق بشر، پس از شرکت در یک مراسم خاکسپاری با "
        "اتهام‌های تازه روبه‌رو شد. این اقدام بسته شده است؛ پرونده در صفحهٔ او دنبال می‌شود.",
        "demands_en": "Drop all charges against her.",
        "demands_fa": "همهٔ اتهام‌ها علیه او را کنار بگذارید.",
        "card_en": "",
        "card_fa": "",
        "case_en": "She faces new charges for attending a funeral.",
        "case_fa": "او به دلیل شرکت در یک مراسم خاکسپاری با اتهام‌های تازه روبه‌رو است.",
        "ask_en": "drop all charges against her.",
        "ask_fa": "همهٔ اتهام‌ها علیه او را کنار بگذارید.",
    },
]


def loaded() -> bool:
    return UrgentAction.objects.filter(is_demo=True).exists()


@transaction.atomic
def load() -> str:
    """Load the demo urgent actions once; a second call changes nothing."""
    if loaded():
        return "Demo urgent actions already loaded."
    today = timezone.localdate()
    made = [_action(data, today) for data in ACTIONS]
    return f"Loaded {sum(1 for action in made if action)} demo urgent actions."


def _action(data: dict[str, Any], today: date) -> UrgentAction | None:
    person = Person.objects.filter(slug=data["prisoner"]).first()
    if person is None:
        return None
    texts = ("title", "summary", "demands", "card")
    action = UrgentAction.objects.create(
        prisoner=person,
        slug=data["slug"],
        reference=data["reference"],
        state=State.PUBLISHED,
        issued_on=today + timedelta(days=data["issued"]),
        expires_on=today + timedelta(days=data["expires"]),
        is_demo=True,
        taken_count=data["taken"],
        **{f"{name}_{lang}": data[f"{name}_{lang}"] for name in texts for lang in ("en", "fa")},
    )
    Official.objects.create(urgent_action=action, role=OfficialRole.TARGET, **JUDICIARY)
    for position, embassy in enumerate(EMBASSIES):
        Official.objects.create(
            urgent_action=action, role=OfficialRole.COPY, position=position, **embassy
        )
    for language, template in (("en", LETTER_EN), ("fa", LETTER_FA)):
        body = template.replace("{case_" + language + "}", data[f"case_{language}"])
        body = body.replace("{ask_" + language + "}", data[f"ask_{language}"])
        subject = data[f"title_{language}"]
        ModelLetter.objects.create(
            urgent_action=action, language=language, subject=subject, body=body
        )
    return action

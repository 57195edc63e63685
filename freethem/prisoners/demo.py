"""Demo data for the case database: the prisoners the campaign named in 2021.

Written afresh for freethem and marked is_demo. Only facts that were widely and publicly
reported are recorded. Each person's status is the one the campaign's article (ARTICLE) gives
them, unless a later, widely reported event (a release, a death) changed it; the article is cited
by an event of its month on every timeline. The other facts cite one demo source that says it is
a demo description of public reporting.
"""

from datetime import date

from django.db import transaction

from freethem.core.dates import Calendar, Precision
from freethem.prisoners.models import (
    Case,
    Category,
    Charge,
    Person,
    Prison,
    Sentence,
    Source,
)
from freethem.prisoners.search import index_person
from freethem.prisoners.vocab import (
    CustodyStatus,
    EventKind,
    Province,
    Publication,
    Reliability,
    SentenceKind,
    Sex,
    SourceKind,
    Verification,
)

CATEGORIES = [
    ("labour", "Labour activist", "فعال کارگری"),
    ("womens-rights", "Women's rights", "حقوق زنان"),
    ("human-rights-defender", "Human rights defender", "مدافع حقوق بشر"),
    ("lawyer", "Lawyer", "وکیل"),
    ("journalist", "Journalist", "روزنامه‌نگار"),
    ("writer-artist", "Writer or artist", "نویسنده یا هنرمند"),
    ("student", "Student", "دانشجو"),
    ("teacher", "Teacher", "معلم"),
    ("environmentalist", "Environmentalist", "فعال محیط زیست"),
    ("religious-minority", "Religious minority", "اقلیت دینی"),
    ("ethnic-minority", "Ethnic minority", "اقلیت قومی"),
    ("dual-national", "Dual national", "تابعیت دوگانه"),
    ("protester", "Protester", "معترض"),
]

# Approximate locations (two decimals, about a kilometre).
PRISONS = [
    ("evin", "Evin Prison", "زندان اوین", Province.TEHRAN, "Tehran", "تهران", "35.80", "51.39"),
    ("qarchak", "Qarchak Prison", "زندان قرچک", Province.TEHRAN, "Varamin", "ورامین", "35.42", "51.57"),
    ("rajai-shahr", "Rajai Shahr Prison", "زندان رجایی‌شهر", Province.ALBORZ, "Karaj", "کرج", "35.82", "50.98"),
    ("sepidar", "Sepidar Prison", "زندان سپیدار", Province.KHUZESTAN, "Ahvaz", "اهواز", "31.33", "48.65"),
]  # fmt: skip

CHARGES = [
    ("assembly", "Assembly and collusion against national security", "اجتماع و تبانی علیه امنیت ملی", "610"),
    ("propaganda", "Propaganda against the state", "تبلیغ علیه نظام", "500"),
    ("disturbing-order", "Disturbing public order", "اخلال در نظم عمومی", "618"),
]  # fmt: skip


def _month(year: int, month: int, text: str) -> dict:
    return {
        "on": date(year, month, 1),
        "precision": Precision.MONTH,
        "calendar": Calendar.GREGORIAN,
        "text": text,
    }


# The demo source of the facts other than the article's.
REPORTING = {
    "title": "Demo: public reporting by human rights organisations, as collected for this demo",
    "title_fa": "نمونه: گزارش‌های عمومی سازمان‌های حقوق بشری، به گردآوری این نمونه",
    "kind": SourceKind.NGO,
}
# The campaign's article (shared context of the project): it names all eleven as Iran's
# political prisoners. The copy has no date; it names Rasoul Bodaghi, arrested on 11 December
# 2021, as held and Baktash Abtin, who died on 8 January 2022, as living: December 2021.
ARTICLE = {
    "title": "Iran 2021: Heroic Mass Struggle Defies Vicious Repression, the Campaign to Free Iran’s Political Prisoners, and the Fight for a New World",
    "title_fa": "ایران ۲۰۲۱: مبارزهٔ قهرمانانهٔ توده‌ای در برابر سرکوب وحشیانه، کارزار آزادی زندانیان سیاسی ایران و نبرد برای جهانی نو",
    "url": "https://revcom.us/en/iran-2021-heroic-mass-struggle-defies-vicious-repression-campaign-free-irans-political-prisoners",
    "kind": SourceKind.NEWS,
}
ARTICLE_EVENT = (
    EventKind.STATUS, _month(2021, 12, "December 2021"),
    "Named as one of Iran's political prisoners in an article on the international campaign to free them.",
    "در مقاله‌ای دربارهٔ کارزار بین‌المللی آزادی زندانیان سیاسی ایران، از او در شمار زندانیان سیاسی ایران نام برده شد.",
)  # fmt: skip


def _source(data: dict) -> Source:
    source, created = Source.objects.get_or_create(
        title=data["title"], is_demo=True,
        defaults={"language": "en", "reliability": Reliability.MEDIUM} | data,
    )  # fmt: skip
    if not created and not source.title_fa:  # loaded before sources had Persian titles
        source.title_fa = data["title_fa"]
        source.save(update_fields=["title_fa"])
    return source


PEOPLE = [
    {
        "slug": "narges-mohammadi", "name_fa": "نرگس محمدی", "name_latin": "Narges Mohammadi",
        "sex": Sex.FEMALE, "categories": ["human-rights-defender", "womens-rights", "journalist"],
        "summary_en": "Human rights defender and writer, long a leader of the campaign against the death penalty and against solitary confinement. Imprisoned many times; awarded the Nobel Peace Prize in 2023 while held in Evin Prison.",
        "summary_fa": "مدافع حقوق بشر و نویسنده که سال‌ها در کارزار علیه اعدام و سلول انفرادی پیشگام بوده است. بارها زندانی شده و در سال ۲۰۲۳، هنگامی که در زندان اوین بود، جایزهٔ صلح نوبل را دریافت کرد.",
        "prison": "evin", "status": CustodyStatus.PRE_TRIAL,
        "case": {"arrest": _month(2021, 11, "November 2021")},
        "events": [(EventKind.ARREST, _month(2021, 11, "November 2021"), "Arrested at a memorial gathering in Karaj.", "در یک مراسم یادبود در کرج بازداشت شد.")],
    },
    {
        "slug": "nahid-taghavi", "name_fa": "ناهید تقوی", "name_latin": "Nahid Taghavi",
        "other_names": ["Nahid Taqavi"], "sex": Sex.FEMALE, "citizenships": ["IR", "DE"],
        "categories": ["womens-rights", "dual-national"],
        "summary_en": "German-Iranian women's rights activist and retired architect, arrested in Tehran in 2020 and sentenced in 2021 to more than ten years in prison.",
        "summary_fa": "فعال حقوق زنان و معمار بازنشستهٔ ایرانی-آلمانی که در سال ۲۰۲۰ در تهران بازداشت شد و در سال ۲۰۲۱ به بیش از ده سال زندان محکوم شد.",
        "prison": "evin", "status": CustodyStatus.RELEASED,
        "case": {"arrest": _month(2020, 10, "October 2020"), "charges": ["assembly", "propaganda"],
                 "sentences": [(SentenceKind.PRISON, 128, None)]},
        "events": [(EventKind.ARREST, _month(2020, 10, "October 2020"), "Arrested at her home in Tehran.", "در خانه‌اش در تهران بازداشت شد."),
                   (EventKind.SOLITARY, _month(2020, 10, "October 2020"), "Held in solitary confinement for months after her arrest.", "پس از بازداشت ماه‌ها در سلول انفرادی نگه داشته شد."),
                   (EventKind.RELEASE, _month(2025, 1, "January 2025"), "Released and returned to Germany.", "آزاد شد و به آلمان بازگشت.")],
    },
    {
        "slug": "sepideh-gholian", "name_fa": "سپیده قلیان", "name_latin": "Sepideh Gholian",
        "other_names": ["Sepideh Qolian"], "sex": Sex.FEMALE,
        "categories": ["labour", "journalist", "womens-rights"],
        "summary_en": "Labour rights activist and journalist, arrested after reporting on the Haft Tappeh sugar workers' strike in 2018 and forced to appear in a televised confession.",
        "summary_fa": "فعال حقوق کارگری و روزنامه‌نگار که پس از گزارش اعتصاب کارگران نیشکر هفت‌تپه در سال ۲۰۱۸ بازداشت شد و به اعتراف اجباری تلویزیونی واداشته شد.",
        "status": CustodyStatus.SERVING,
        "case": {"arrest": _month(2018, 11, "November 2018")},
        "events": [(EventKind.ARREST, _month(2018, 11, "November 2018"), "Arrested in Shush with striking sugar workers.", "همراه با کارگران اعتصابی نیشکر در شوش بازداشت شد."),
                   (EventKind.FORCED_CONFESSION, _month(2019, 1, "January 2019"), "State television broadcast a confession extracted from her.", "تلویزیون دولتی اعترافی را که از او گرفته شده بود پخش کرد.")],
    },
    {
        "slug": "mehran-raouf", "name_fa": "مهران رئوف", "name_latin": "Mehran Raouf",
        "other_names": ["Mehran Raoof"], "sex": Sex.MALE, "citizenships": ["IR", "GB"],
        "categories": ["labour", "dual-national"],
        "summary_en": "British-Iranian labour rights activist, arrested in 2020 and held for long periods in solitary confinement; sentenced in 2021 to more than ten years.",
        "summary_fa": "فعال حقوق کارگری ایرانی-بریتانیایی که در سال ۲۰۲۰ بازداشت شد و مدت‌های طولانی در سلول انفرادی نگه داشته شد؛ در سال ۲۰۲۱ به بیش از ده سال زندان محکوم شد.",
        "prison": "evin", "status": CustodyStatus.SERVING,
        "case": {"arrest": _month(2020, 10, "October 2020"), "charges": ["assembly"],
                 "sentences": [(SentenceKind.PRISON, 128, None)]},
        "events": [(EventKind.ARREST, _month(2020, 10, "October 2020"), "Arrested in Tehran.", "در تهران بازداشت شد.")],
    },
    {
        "slug": "nazanin-zaghari-ratcliffe", "name_fa": "نازنین زاغری", "name_latin": "Nazanin Zaghari-Ratcliffe",
        "sex": Sex.FEMALE, "citizenships": ["IR", "GB"], "categories": ["dual-national"],
        "summary_en": "British-Iranian charity worker, arrested at Tehran airport in 2016 while leaving with her baby daughter, and held for six years before her release in 2022.",
        "summary_fa": "کارمند خیریهٔ ایرانی-بریتانیایی که در سال ۲۰۱۶ هنگام ترک ایران همراه دختر خردسالش در فرودگاه تهران بازداشت شد و شش سال در بند ماند تا در سال ۲۰۲۲ آزاد شد.",
        "prison": "evin", "status": CustodyStatus.RELEASED, "verification": Verification.VERIFIED,
        "case": {"arrest": _month(2016, 4, "April 2016"), "sentences": [(SentenceKind.PRISON, 60, None)]},
        "events": [(EventKind.ARREST, _month(2016, 4, "April 2016"), "Arrested at Imam Khomeini Airport.", "در فرودگاه امام خمینی بازداشت شد."),
                   (EventKind.RELEASE, _month(2022, 3, "March 2022"), "Released and flown home to London.", "آزاد شد و به لندن بازگشت.")],
    },
    {
        "slug": "rasoul-bodaghi", "name_fa": "رسول بداغی", "name_latin": "Rasoul Bodaghi",
        "other_names": ["Rasool Bodaghi"], "sex": Sex.MALE, "categories": ["teacher", "labour"],
        "summary_en": "Teacher and member of the Iranian Teachers' Trade Association, imprisoned repeatedly for organising teachers.",
        "summary_fa": "معلم و عضو کانون صنفی معلمان ایران که بارها به خاطر سازمان‌دهی معلمان زندانی شده است.",
        "status": CustodyStatus.PRE_TRIAL,
    },
    {
        "slug": "baktash-abtin", "name_fa": "بکتاش آبتین", "name_latin": "Baktash Abtin",
        "sex": Sex.MALE, "categories": ["writer-artist"],
        "summary_en": "Poet, filmmaker and board member of the Iranian Writers' Association, imprisoned for his work with the association. He fell ill with COVID-19 in prison and died in custody in January 2022.",
        "summary_fa": "شاعر، فیلمساز و عضو هیئت دبیران کانون نویسندگان ایران که به خاطر فعالیت در کانون زندانی شد. او در زندان به کووید-۱۹ مبتلا شد و در دی ۱۴۰۰ در بازداشت جان باخت.",
        "prison": "evin", "status": CustodyStatus.DIED_IN_CUSTODY, "verification": Verification.VERIFIED,
        "case": {"sentences": [(SentenceKind.PRISON, 72, None)], "charges": ["assembly", "propaganda"]},
        "events": [(EventKind.MEDICAL_DENIAL, _month(2021, 12, "December 2021"), "Fell gravely ill with COVID-19; taken to hospital late.", "به کووید-۱۹ مبتلا شد و دیر به بیمارستان منتقل شد."),
                   (EventKind.DEATH, {"on": date(2022, 1, 8), "precision": Precision.DAY, "calendar": Calendar.GREGORIAN, "text": "2022-01-08"}, "Died in custody in hospital.", "در بیمارستان، در حالی که زندانی بود، جان باخت.")],
    },
    {
        "slug": "nasrin-sotoudeh", "name_fa": "نسرین ستوده", "name_latin": "Nasrin Sotoudeh",
        "other_names": ["Nasrin Sotudeh"], "sex": Sex.FEMALE,
        "categories": ["lawyer", "human-rights-defender", "womens-rights"],
        "summary_en": "Human rights lawyer who defended women protesting compulsory hijab. Arrested in 2018 and sentenced in 2019 to 33 years and 148 lashes in one case, of which 12 years are enforceable.",
        "summary_fa": "وکیل حقوق بشر که از زنان معترض به حجاب اجباری دفاع کرد. در سال ۲۰۱۸ بازداشت شد و در سال ۲۰۱۹ در یک پرونده به ۳۳ سال زندان و ۱۴۸ ضربه شلاق محکوم شد که ۱۲ سال آن قابل اجراست.",
        "prison": "evin", "status": CustodyStatus.FURLOUGH, "verification": Verification.VERIFIED,
        "case": {"arrest": _month(2018, 6, "June 2018"), "charges": ["assembly", "propaganda"],
                 "sentences": [(SentenceKind.PRISON, 33 * 12, 12 * 12), (SentenceKind.LASHES, 148, None)]},
        "events": [(EventKind.ARREST, _month(2018, 6, "June 2018"), "Arrested at her home in Tehran.", "در خانه‌اش در تهران بازداشت شد."),
                   (EventKind.SENTENCE, _month(2019, 3, "March 2019"), "Sentenced to 33 years in prison and 148 lashes.", "به ۳۳ سال زندان و ۱۴۸ ضربه شلاق محکوم شد."),
                   (EventKind.FURLOUGH, _month(2021, 7, "July 2021"), "Let out of prison on medical leave.", "با مرخصی درمانی از زندان بیرون آمد.")],
    },
    {
        "slug": "mehdi-mahmoudian", "name_fa": "مهدی محمودیان", "name_latin": "Mehdi Mahmoudian",
        "sex": Sex.MALE, "categories": ["human-rights-defender", "journalist"],
        "summary_en": "Journalist and human rights activist who helped expose abuses at the Kahrizak detention centre. Arrested in August 2021 with lawyers preparing a complaint over the handling of the COVID-19 epidemic.",
        "summary_fa": "روزنامه‌نگار و فعال حقوق بشر که در افشای جنایات بازداشتگاه کهریزک نقش داشت. در مرداد ۱۴۰۰ همراه وکلایی که شکایتی دربارهٔ مدیریت همه‌گیری کووید-۱۹ آماده می‌کردند بازداشت شد.",
        "status": CustodyStatus.PRE_TRIAL,
        "case": {"arrest": _month(2021, 8, "August 2021")},
    },
    {
        "slug": "arash-keykhosravi", "name_fa": "آرش کیخسروی", "name_latin": "Arash Keykhosravi",
        "other_names": ["Arash Kaykhosravi"], "sex": Sex.MALE, "categories": ["lawyer", "human-rights-defender"],
        "summary_en": "Human rights lawyer, arrested in August 2021 with colleagues preparing a complaint over the handling of the COVID-19 epidemic.",
        "summary_fa": "وکیل حقوق بشر که در مرداد ۱۴۰۰ همراه همکارانی که شکایتی دربارهٔ مدیریت همه‌گیری کووید-۱۹ آماده می‌کردند بازداشت شد.",
        "status": CustodyStatus.PRE_TRIAL,
        "case": {"arrest": _month(2021, 8, "August 2021")},
    },
    {
        "slug": "mostafa-nili", "name_fa": "مصطفی نیلی", "name_latin": "Mostafa Nili",
        "sex": Sex.MALE, "categories": ["lawyer", "human-rights-defender"],
        "summary_en": "Human rights lawyer, arrested in August 2021 with colleagues preparing a complaint over the handling of the COVID-19 epidemic.",
        "summary_fa": "وکیل حقوق بشر که در مرداد ۱۴۰۰ همراه همکارانی که شکایتی دربارهٔ مدیریت همه‌گیری کووید-۱۹ آماده می‌کردند بازداشت شد.",
        "status": CustodyStatus.PRE_TRIAL,
        "case": {"arrest": _month(2021, 8, "August 2021")},
    },
]  # fmt: skip


@transaction.atomic
def load() -> str:
    """Load the demo case database once; a second call changes nothing.

    A site that holds the demo from before the article was cited is brought up to date once.
    """
    if Person.objects.filter(is_demo=True).exists():
        return _bring_up_to_date()
    for order, (slug, name_en, name_fa) in enumerate(CATEGORIES):
        Category.objects.get_or_create(
            slug=slug, defaults={"name_en": name_en, "name_fa": name_fa, "order": order}
        )
    for slug, name_en, name_fa, province, city_en, city_fa, lat, lon in PRISONS:
        Prison.objects.get_or_create(slug=slug, defaults={
            "name_en": name_en, "name_fa": name_fa, "province": province, "city_en": city_en,
            "city_fa": city_fa, "latitude": lat, "longitude": lon, "is_demo": True,
        })  # fmt: skip
    charges = {key: Charge.objects.get_or_create(name_en=en, defaults={"name_fa": fa, "article": art})[0]
               for key, en, fa, art in CHARGES}  # fmt: skip
    reporting, article = _source(REPORTING), _source(ARTICLE)
    for data in PEOPLE:
        _person(data, charges, reporting, article)
    return f"Loaded {len(PEOPLE)} demo prisoners."


def loaded() -> bool:
    """Whether the site holds the demo prisoners (freethem.core.demodata shows the banner)."""
    return Person.objects.filter(is_demo=True).exists()


def _bring_up_to_date() -> str:
    """Cite the article on the timelines of a demo loaded before it was cited, and give its
    status to each person whose status is still unknown; people deleted since stay deleted."""
    if Source.objects.filter(title=ARTICLE["title"], is_demo=True).exists():
        return "Demo prisoners already loaded."
    reporting, article = _source(REPORTING), _source(ARTICLE)
    for data in PEOPLE:
        person = Person.objects.filter(slug=data["slug"], is_demo=True).first()
        if person is None:
            continue
        if person.custody_status == CustodyStatus.UNKNOWN:
            person.custody_status = data["status"]
            person.save(update_fields=["custody_status", "updated_at"])
        _events(person, data, reporting, article)
    return "Demo prisoners already loaded; brought up to date with the campaign's article."


def _person(data: dict, charges: dict[str, Charge], reporting: Source, article: Source) -> Person:
    person = Person.objects.create(
        slug=data["slug"], name_fa=data["name_fa"], name_latin=data["name_latin"], sex=data["sex"],
        citizenships=data.get("citizenships", []), summary_en=data["summary_en"],
        summary_fa=data["summary_fa"], custody_status=data["status"],
        current_prison=Prison.objects.filter(slug=data.get("prison", "")).first(),
        verification=data.get("verification", Verification.UNVERIFIED),
        publication=Publication.PUBLISHED, is_demo=True,
    )  # fmt: skip
    person.categories.set(Category.objects.filter(slug__in=data["categories"]))
    for name in data.get("other_names", []):
        person.other_names.create(name=name)
    if "case" in data:
        _case(person, data["case"], charges, reporting)
    _events(person, data, reporting, article)
    index_person(person)
    return person


def _events(person: Person, data: dict, reporting: Source, article: Source) -> None:
    """The person's demo events and the article's, each once."""
    cited = [(event, reporting) for event in data.get("events", [])] + [(ARTICLE_EVENT, article)]
    for (kind, when, text_en, text_fa), source in cited:
        if person.events.filter(kind=kind, occurred_on=when["on"]).exists():
            continue
        event = person.events.create(
            kind=kind, occurred_on=when["on"], occurred_on_precision=when["precision"],
            occurred_on_calendar=when["calendar"], occurred_on_text=when["text"],
            description_en=text_en, description_fa=text_fa,
            prison=person.current_prison if source == reporting else None,  # the article names none
        )  # fmt: skip
        event.sources.add(source)


def _case(person: Person, data: dict, charges: dict[str, Charge], source: Source) -> Case:
    arrest = data.get("arrest")
    case = Case.objects.create(person=person, prison=person.current_prison)
    if arrest:
        case.arrested_on, case.arrested_on_precision = arrest["on"], arrest["precision"]
        case.arrested_on_calendar, case.arrested_on_text = arrest["calendar"], arrest["text"]
        case.save()
    case.charges.set([charges[key] for key in data.get("charges", [])])
    case.sources.add(source)
    for kind, imposed, enforceable in data.get("sentences", []):
        sentence = Sentence.objects.create(
            case=case, kind=kind, imposed=imposed, enforceable=enforceable
        )
        sentence.sources.add(source)
    return case

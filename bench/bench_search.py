"""Search at scale: 100,000 generated people with Persian and Latin names, their other
spellings, a one-sentence summary and an arrest each, indexed in bulk; then mixed queries
(exact Latin names, variant spellings, Persian script, Arabic-keyboard spellings, prefixes,
one to three words, names typed with a habit such as g for gh or a compound name split, years
of arrest in either calendar, alone or after a family name) through
search(Person.objects.published(), q)[:20]. Prints p50/p95/max in ms, and the CPU time of
this process (on SQLite, the query's whole cost whatever else the machine is doing).

SQLite in a temporary data directory by default; with DATABASE_URL set (for example under
bin/with-postgres) it runs against that database instead.
"""

import datetime
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = int(os.environ.get("BENCH_SEARCH_PEOPLE", "100000"))
QUERIES = 500
BATCH = 5000
SEED = 1399

# (Latin, Persian) given names.
GIVEN = """
Mohammad محمد|Ali علی|Hossein حسین|Reza رضا|Mehdi مهدی|Hassan حسن|Ahmad احمد|Amir امیر
Mahmoud محمود|Javad جواد|Saeed سعید|Hamid حمید|Majid مجید|Morteza مرتضی|Mostafa مصطفی
Abbas عباس|Karim کریم|Jafar جعفر|Nasser ناصر|Behrouz بهروز|Behnam بهنام|Farhad فرهاد
Kourosh کوروش|Dariush داریوش|Siamak سیامک|Babak بابک|Arash آرش|Omid امید|Navid نوید
Pouya پویا|Peyman پیمان|Payam پیام|Keyvan کیوان|Kamran کامران|Masoud مسعود|Mansour منصور
Nima نیما|Hamed حامد|Vahid وحید|Yousef یوسف|Ebrahim ابراهیم|Esmaeil اسماعیل|Ghasem قاسم
Gholamreza غلامرضا|Khalil خلیل|Mojtaba مجتبی|Sadegh صادق|Taghi تقی|Hadi هادی|Jamshid جمشید
Shahram شهرام|Shahin شاهین|Soheil سهیل|Sina سینا|Sohrab سهراب|Rostam رستم|Bahman بهمن
Esfandiar اسفندیار|Farid فرید|Farshad فرشاد|Fereydoun فریدون|Houshang هوشنگ|Iraj ایرج
Jalal جلال|Kaveh کاوه|Khosrow خسرو|Mehran مهران|Milad میلاد|Mohsen محسن|Nader نادر
Parviz پرویز|Ramin رامین|Saman سامان|Shapour شاپور|Yaghoub یعقوب|Arya آریا|Afshin افشین
Ehsan احسان|Davoud داوود|Ghorban قربان|Fatemeh فاطمه|Zahra زهرا|Maryam مریم|Narges نرگس
Nasrin نسرین|Shirin شیرین|Leila لیلا|Mahsa مهسا|Sepideh سپیده|Niloufar نیلوفر|Nazanin نازنین
Parisa پریسا|Roya رویا|Sara سارا|Sahar سحر|Samira سمیرا|Shahla شهلا|Zeinab زینب|Atena آتنا
Azam اعظم|Azadeh آزاده|Elaheh الهه|Farideh فریده|Fariba فریبا|Forough فروغ|Golrokh گلرخ
Haleh هاله|Hengameh هنگامه|Homa هما|Zhila ژیلا|Kobra کبری|Ladan لادن|Mahboubeh محبوبه
Mahnaz مهناز|Mahtab مهتاب|Manijeh منیژه|Marzieh مرضیه|Masoumeh معصومه|Mina مینا|Mojgan مژگان
Monireh منیره|Nahid ناهید|Negin نگین|Parvaneh پروانه|Pegah پگاه|Raheleh راحله|Raha رها
Sakineh سکینه|Sedigheh صدیقه|Setareh ستاره|Shabnam شبنم|Simin سیمین|Soheila سهیلا
Soudabeh سودابه|Tahereh طاهره|Taraneh ترانه|Touran توران|Yasaman یاسمن|Golnaz گلناز
Ghazal غزل|Kimia کیمیا|Anahita آناهیتا|Bahareh بهاره|Atefeh عاطفه|Elham الهام
Fereshteh فرشته|Hoda هدی|Mitra میترا|Nasim نسیم|Keyhan کیهان|Kianoush کیانوش|Bijan بیژن
Ghonche غنچه|Roxana رکسانا|Shokoufeh شکوفه|Mohammadreza محمدرضا|Alireza علی‌رضا
Amir-Hossein امیرحسین|Abdolhamid عبدالحمید|Mohammad-Ali محمدعلی|Fatemeh-Zahra فاطمه‌زهرا
"""

# Roots that take the family-name endings -i, -zadeh, -pour and -nejad.
ROOTS = """
Ahmad احمد|Mohammad محمد|Hassan حسن|Karim کریم|Jafar جعفر|Abbas عباس|Kazem کاظم
Rahim رحیم|Rahman رحمان|Nour نور|Sadegh صادق|Taher طاهر|Ghasem قاسم|Akbar اکبر|Asghar اصغر
Bagher باقر|Heidar حیدر|Esmaeil اسماعیل|Ebrahim ابراهیم|Yousef یوسف|Soltan سلطان|Shams شمس
Amin امین|Azad آزاد|Bahram بهرام|Jamal جمال|Kamal کمال|Khalil خلیل|Latif لطیف|Majid مجید
Mahmoud محمود|Mansour منصور|Morad مراد|Nasir نصیر|Nazar نظر|Rashid رشید|Sharif شریف
Tavakol توکل|Zaman زمان|Ghaffar غفار|Javad جواد|Hamid حمید|Saeed سعید|Kian کیان|Farhad فرهاد
Golestan گلستان|Khorshid خورشید|Ghanbar قنبر|Nasser ناصر|Safar صفر|Sohrab سهراب|Rostam رستم
Shokr شکر|Jahan جهان|Nik نیک|Zand زند|Roshan روشن|Aslan اصلان|Homayoun همایون
Bakhtiar بختیار|Eskandar اسکندر|Fazel فاضل|Hashem هاشم|Hakim حکیم|Jalil جلیل|Kheir خیر
Sattar ستار|Ghafour غفور|Mokhtar مختار|Behrouz بهروز|Ayoub ایوب|Ghorban قربان|Rasoul رسول
Hossein حسین|Kamran کامران|Salman سلمان|Ramezan رمضان
"""
ENDINGS = [("i", "ی"), ("zadeh", "زاده"), ("pour", "پور"), ("nejad", "نژاد")]

FAMILY = """
Sotoudeh ستوده|Keikhosravi کیخسروی|Tabrizi تبریزی|Shirazi شیرازی|Esfahani اصفهانی
Kermani کرمانی|Yazdi یزدی|Ghorbani قربانی|Khosravi خسروی|Naderi نادری|Tehrani تهرانی
Mashhadi مشهدی|Bakhshi بخشی|Daneshvar دانشور|Farahani فراهانی|Daemi دائمی|Panahi پناهی
Rezaei رضایی|Mousavi موسوی|Hosseini حسینی|Sadeghi صادقی|Moradi مرادی|Ghaderi قادری
Golshiri گلشیری|Kazemi کاظمی|Hashemi هاشمی|Ansari انصاری|Jalali جلالی|Mirzaei میرزایی
Shahbazi شهبازی|Tavakoli توکلی|Ghaemi قائمی|Asadi اسدی|Bagheri باقری|Mohajer مهاجر
"""

CITIES = [
    "Tehran تهران", "Tabriz تبریز", "Mashhad مشهد", "Shiraz شیراز", "Ahvaz اهواز",
    "Rasht رشت", "Sanandaj سنندج", "Zahedan زاهدان", "Kermanshah کرمانشاه", "Karaj کرج",
]  # fmt: skip
JOBS = [
    "teacher", "lawyer", "journalist", "student", "labour activist", "writer",
    "environmentalist", "women's rights defender", "civil activist", "filmmaker",
]  # fmt: skip
PRISONS = ["Evin", "Qarchak", "Rajai Shahr", "Vakilabad", "Sepidar", "Adelabad", "Lakan"]

# Transliteration habits, each applied at random to make another spelling of a Latin name.
VARIANTS = [
    ("ou", "u"), ("ou", "oo"), ("gh", "q"), ("ss", "s"), ("mm", "m"), ("ei", "ey"),
    ("eh", "e"), ("i ", "y "), ("ee", "i"), ("aei", "ai"), ("kh", "x"), ("j", "dj"),
]  # fmt: skip
ARABIC_KEYBOARD = str.maketrans({"ی": "ي", "ک": "ك"})
# Habits the keys must see through (issue 13): g for gh, th for t, a final y for i, and
# compound given names split where they are joined and joined where they are split.
HABITS = [
    ("gh", "g"), ("t", "th"), ("i ", "y "), ("reza", " Reza"), ("-", " "), ("-", ""),
    ("hamid", " Hamid"),
]  # fmt: skip
PERSIAN_HABITS = [("\u200c", " "), ("محمد", "محمد "), ("امیر", "امیر "), ("عبد", "عبد ")]


def pairs(text: str) -> list[tuple[str, str]]:
    return [tuple(item.split(" ", 1)) for item in text.replace("\n", "|").split("|") if item]


def family_names() -> list[tuple[str, str]]:
    composed = [
        (latin + ending, persian + ending_fa)
        for latin, persian in pairs(ROOTS)
        for ending, ending_fa in ENDINGS
    ]
    return composed + pairs(FAMILY)


def variant(latin: str, rng: random.Random) -> str:
    spelled = f"{latin} "
    for old, new in rng.sample(VARIANTS, 4):
        spelled = spelled.replace(old, new)
    return spelled.strip()


def habit(latin: str, persian: str, rng: random.Random) -> str:
    """The name as a visitor may type it, with one habit that applies to it, if any."""
    spelled = f"{latin} "
    for old, new in rng.sample(HABITS, len(HABITS)):
        if old in spelled:
            return spelled.replace(old, new, 1).strip()
    for old, new in PERSIAN_HABITS:
        if old in persian:
            return persian.replace(old, new, 1)
    return latin


def summary(
    name: str, rng: random.Random, people: list[tuple[str, str]], year: int
) -> tuple[str, str]:
    city, city_fa = rng.choice(CITIES).split(" ", 1)
    text = f"{name}, a {rng.choice(JOBS)} from {city}, was arrested in {year}"
    text += f" and is held in {rng.choice(PRISONS)} prison."
    if rng.random() < 0.1:  # some summaries name a lawyer or relative
        text += f" Represented by {' '.join(rng.choice(people)[0].split()[-1:])}."
    return text, f"بازداشت در {city_fa}"


Generated = tuple[dict, list[str], datetime.date]


def generate(rng: random.Random) -> Iterator[Generated]:
    """(Person fields, other names, arrest date) for PEOPLE generated people."""
    given, family = pairs(GIVEN), family_names()
    for number in range(PEOPLE):
        (first, first_fa), (last, last_fa) = rng.choice(given), rng.choice(family)
        latin, persian = f"{first} {last}", f"{first_fa} {last_fa}"
        arrested = datetime.date(2009, 1, 1) + datetime.timedelta(days=rng.randrange(6205))
        summary_en, summary_fa = summary(latin, rng, family, arrested.year)
        fields = {
            "slug": f"p{number}",
            "name_latin": latin,
            "name_fa": persian,
            "summary_en": summary_en,
            "summary_fa": summary_fa,
            "publication": "published" if rng.random() < 0.9 else "draft",
        }
        others = {variant(latin, rng) for _ in range(rng.randint(0, 2))} - {latin}
        yield fields, sorted(others), arrested


def queries(rng: random.Random, people: list[Generated]) -> list[tuple[str, str]]:
    """(kind, query) pairs about published generated people (and nobody), in a fixed mix."""
    published = [person for person in people if person[0]["publication"] == "published"]
    with_others = [person for person in published if person[1]]

    def someone(among: list[Generated] = published) -> tuple[str, str, list[str]]:
        fields, others, _ = rng.choice(among)
        return fields["name_latin"], fields["name_fa"], others

    def name_and_word() -> str:
        fields, _, _ = rng.choice(published)
        words = [w.strip(".,") for w in fields["summary_en"].split()[2:] if len(w) > 4]
        return f"{fields['name_latin']} {rng.choice(words)}"

    def given_and_prefix() -> str:
        given, family = someone()[0].split(" ", 1)
        return f"{given} {family[: rng.randint(4, len(family))]}"

    makers = {
        "exact Latin": lambda: someone()[0],
        "variant": lambda: variant(someone()[0], rng),
        "other name": lambda: rng.choice(someone(with_others)[2]),
        "Persian": lambda: someone()[1],
        "Arabic keyboard": lambda: someone()[1].translate(ARABIC_KEYBOARD),
        "family name": lambda: rng.choice(someone()[:2]).split()[-1],
        "prefix": lambda: someone()[0].split()[-1][: rng.randint(4, 6)],
        "name and word": name_and_word,
        "given and prefix": given_and_prefix,
        "nobody": lambda: f"Zarathustra {rng.choice(pairs(GIVEN))[0]}",
        "habit": lambda: habit(*someone()[:2], rng),
        "year": lambda: rng.choice(
            [str(rng.randint(2009, 2025)), to_persian(rng.randint(1388, 1404))]
        ),
        "family and year": lambda: f"{someone()[0].split()[-1]} {rng.randint(1388, 1404)}",
    }
    kinds = list(makers)
    return [(kinds[i % len(kinds)], makers[kinds[i % len(kinds)]]()) for i in range(QUERIES)]


def to_persian(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def setup() -> str | None:
    """Migrate a fresh database; returns the temporary data directory, if one was made."""
    data_dir = None
    if not os.environ.get("DATABASE_URL"):
        data_dir = os.environ["FREETHEM_DATA_DIR"] = tempfile.mkdtemp(prefix="freethem-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "freethem.settings")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=ROOT,
        env=os.environ,
        check=True,
    )
    import django

    django.setup()
    return data_dir


def populate(rng: random.Random) -> list[Generated]:
    from django.db import connection, transaction

    from freethem.prisoners.models import Case, Person, PersonName
    from freethem.prisoners.search import index_people

    started = time.perf_counter()
    rows = list(generate(rng))
    with transaction.atomic():
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            people = Person.objects.bulk_create(Person(**fields) for fields, _, _ in chunk)
            names = [
                PersonName(person=person, name=name)
                for person, (_, others, _) in zip(people, chunk, strict=True)
                for name in others
            ]
            PersonName.objects.bulk_create(names)
            Case.objects.bulk_create(
                Case(person=person, arrested_on=arrested, arrested_on_precision="day")
                for person, (_, _, arrested) in zip(people, chunk, strict=True)
            )
    created = time.perf_counter()
    terms = index_people(Person.objects.all(), batch_size=BATCH)
    with connection.cursor() as cursor:
        # PostgreSQL also needs VACUUM to mark the pages all-visible for index-only scans.
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    print(
        f"   generated {len(rows):,} people in {created - started:.1f} s, indexed"
        f" {terms:,} search terms in {time.perf_counter() - created:.1f} s"
    )
    return rows


def measure(rng: random.Random, people: list[Generated]) -> None:
    from freethem.prisoners.models import Person, SearchTerm
    from freethem.prisoners.search import search

    asked = queries(rng, people)
    for _, q in asked[:20]:
        list(search(Person.objects.published(), q)[:20])  # warm caches
    timings: dict[str, list[float]] = {}
    cpu: list[float] = []
    empty = 0
    for kind, q in asked:
        started, cpu_started = time.perf_counter(), time.process_time()
        found = list(search(Person.objects.published(), q)[:20])
        timings.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        empty += not found
    every = [t for kind in timings.values() for t in kind]
    print(f"   search: {figures(every)}   ({len(every)} queries, {empty} found nobody)")
    # On SQLite the database works in this process, so its CPU time is the query's cost
    # whatever else the machine is doing; on PostgreSQL it is the client's share only.
    print(f"   CPU of this process: {figures(cpu)}")
    for kind, times in timings.items():
        print(f"     {kind:<18} {figures(times)}")
    print(f"   {Person.objects.count():,} people, {SearchTerm.objects.count():,} search terms")


def show_plan(q: str) -> None:
    """The database's plan for one query, to see that it reads the indexes."""
    from django.db import connection

    from freethem.prisoners.models import Person
    from freethem.prisoners.search import search

    sql, params = search(Person.objects.published(), q)[:20].query.sql_with_params()
    explain = "EXPLAIN QUERY PLAN" if connection.vendor == "sqlite" else "EXPLAIN"
    with connection.cursor() as cursor:
        cursor.execute(f"{explain} {sql}", params)
        lines = [row[-1] if connection.vendor == "sqlite" else row[0] for row in cursor]
    print(f"   plan for {q!r}:")
    for line in lines:
        print(f"     {line}")


def figures(timings: list[float]) -> str:
    q = statistics.quantiles(timings, n=100)
    return f"p50 {q[49]:6.2f} ms   p95 {q[94]:6.2f} ms   max {max(timings):6.2f} ms"


def main() -> None:
    data_dir = setup()
    rng = random.Random(SEED)  # noqa: S311 (made-up data, not secrets)
    people = populate(rng)
    measure(rng, people)
    show_plan("Nasrin Sotoudeh")
    if data_dir:  # a few hundred megabytes
        from django.db import connection

        connection.close()
        shutil.rmtree(data_dir)

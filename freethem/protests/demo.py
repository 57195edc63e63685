"""Demo data for the protest tracker: three months of protests across Iran's provinces and
participant groups, a coordinated day of retirees' gatherings, and solidarity protests abroad.

Written afresh for freethem and marked is_demo: the places are real towns (coordinates at their
centres), the protests, figures and sources are made up to look like the tracker's daily work.
The sources' names are invented and their addresses are on example.org. Dates are counted back
from the day the demo is loaded, so the demo always shows the last three months. All are
published except two drafts. Some are linked to the demo prisoners (prisoners/demo.py) when they
are loaded.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from freethem.prisoners.models import Person
from freethem.protests.models import ParticipantGroup, Protest, Wave
from freethem.protests.services import protest_create
from freethem.protests.vocab import Province as P
from freethem.protests.vocab import State, SubEventType

# Town: (province or (country, first-level division), latitude, longitude). Town centres.
TOWNS = {
    "Tehran": (P.TEHRAN, "35.6892", "51.3890"),
    "Karaj": (P.ALBORZ, "35.8400", "50.9391"),
    "Ahvaz": (P.KHUZESTAN, "31.3183", "48.6706"),
    "Shush": (P.KHUZESTAN, "32.1943", "48.2436"),
    "Haft Tappeh": (P.KHUZESTAN, "32.0803", "48.3289"),
    "Isfahan": (P.ISFAHAN, "32.6539", "51.6660"),
    "Shiraz": (P.FARS, "29.5918", "52.5837"),
    "Mashhad": (P.RAZAVI_KHORASAN, "36.2972", "59.6067"),
    "Tabriz": (P.EAST_AZERBAIJAN, "38.0800", "46.2919"),
    "Urmia": (P.WEST_AZERBAIJAN, "37.5527", "45.0761"),
    "Kermanshah": (P.KERMANSHAH, "34.3142", "47.0650"),
    "Kerman": (P.KERMAN, "30.2839", "57.0834"),
    "Zahedan": (P.SISTAN_BALUCHESTAN, "29.4963", "60.8629"),
    "Sanandaj": (P.KURDISTAN, "35.3113", "46.9960"),
    "Saqqez": (P.KURDISTAN, "36.2499", "46.2735"),
    "Hamadan": (P.HAMADAN, "34.7992", "48.5146"),
    "Shahrekord": (P.CHAHARMAHAL, "32.3256", "50.8644"),
    "Khorramabad": (P.LORESTAN, "33.4878", "48.3558"),
    "Yasuj": (P.KOHGILUYEH, "30.6682", "51.5880"),
    "Bushehr": (P.BUSHEHR, "28.9684", "50.8385"),
    "Asaluyeh": (P.BUSHEHR, "27.4761", "52.6074"),
    "Zanjan": (P.ZANJAN, "36.6736", "48.4787"),
    "Yazd": (P.YAZD, "31.8974", "54.3569"),
    "Bandar Abbas": (P.HORMOZGAN, "27.1832", "56.2666"),
    "Ardabil": (P.ARDABIL, "38.2498", "48.2933"),
    "Qazvin": (P.QAZVIN, "36.2688", "50.0041"),
    "Rasht": (P.GILAN, "37.2808", "49.5832"),
    "Arak": (P.MARKAZI, "34.0954", "49.7013"),
    "Gorgan": (P.GOLESTAN, "36.8456", "54.4393"),
    "Birjand": (P.SOUTH_KHORASAN, "32.8663", "59.2211"),
    "London": (("GB", "England"), "51.5072", "-0.1276"),
    "Berlin": (("DE", "Berlin"), "52.5200", "13.4050"),
    "Paris": (("FR", "Île-de-France"), "48.8566", "2.3522"),
    "Toronto": (("CA", "Ontario"), "43.6532", "-79.3832"),
    "Stockholm": (("SE", "Stockholm"), "59.3293", "18.0686"),
    "Los Angeles": (("US", "California"), "34.0549", "-118.2426"),
}
ABROAD_ACTOR = {
    "GB": "United Kingdom", "DE": "Germany", "FR": "France", "CA": "Canada", "SE": "Sweden",
    "US": "United States",
}  # fmt: skip

# Invented sources, as the tracker's researchers would cite them.
SOURCES = {
    "labour": "Iran Labour Monitor",
    "retirees": "Retirees' Council channel",
    "teachers": "Teachers' Trade Association bulletin",
    "rights": "Human Rights Reporters Network",
    "kurd": "Kurdistan Rights Observatory",
    "baluch": "Baluch Activists' Collective",
    "students": "Student Councils' newsletter",
    "video": "Verified video, campaign volunteers",
    "diaspora": "Campaign chapter report",
}

WAVE = {
    "code": "retirees-day-of-action",
    "name_en": "Retirees' nationwide day of action",
    "name_fa": "روز اعتراض سراسری بازنشستگان",
}
WAVE_DAY = 23  # days ago

# (days ago, town, groups, sub-event, size low, size high, size in the source's words, claims,
#  notes, notes in Persian, sources, arrests, injuries, prisoners, wave, state)
PEACEFUL = SubEventType.PEACEFUL
INTERVENTION = SubEventType.INTERVENTION
FORCE = SubEventType.EXCESSIVE_FORCE
PROTESTS = [
    (WAVE_DAY, "Tehran", ("retirees",), PEACEFUL, 300, 500, "hundreds", "for pensions that keep up with prices", "Retirees of the social security organisation gathered outside parliament.", "بازنشستگان تأمین اجتماعی مقابل مجلس تجمع کردند.", ("retirees", "video"), None, None, (), True, State.PUBLISHED),
    (WAVE_DAY, "Ahvaz", ("retirees",), PEACEFUL, 150, 200, "about 200", "for pensions that keep up with prices", "Steel and oil industry retirees gathered outside the governorate.", "بازنشستگان فولاد و نفت مقابل استانداری تجمع کردند.", ("retirees",), None, None, (), True, State.PUBLISHED),
    (WAVE_DAY, "Isfahan", ("retirees",), PEACEFUL, 200, 250, "more than 200", "for pensions that keep up with prices\nfor free health insurance", "Retirees marched from the pension office to the governorate.", "بازنشستگان از ادارهٔ بازنشستگی تا استانداری راهپیمایی کردند.", ("retirees", "labour"), None, None, (), True, State.PUBLISHED),
    (WAVE_DAY, "Kermanshah", ("retirees",), PEACEFUL, 80, 120, "about a hundred", "for pensions that keep up with prices", "Retirees gathered outside the social security office.", "بازنشستگان مقابل ادارهٔ تأمین اجتماعی تجمع کردند.", ("retirees",), None, None, (), True, State.PUBLISHED),
    (WAVE_DAY, "Shush", ("retirees", "workers"), PEACEFUL, 60, 100, "dozens", "for pensions that keep up with prices", "Retired sugar cane workers gathered in the town centre.", "کارگران بازنشستهٔ نیشکر در مرکز شهر تجمع کردند.", ("retirees",), None, None, (), True, State.PUBLISHED),
    (WAVE_DAY, "Rasht", ("retirees",), INTERVENTION, 50, 80, "dozens", "for pensions that keep up with prices", "Security forces dispersed a gathering of retirees outside the governorate.", "نیروهای امنیتی تجمع بازنشستگان مقابل استانداری را پراکنده کردند.", ("retirees", "rights"), 3, None, (), True, State.PUBLISHED),
    (WAVE_DAY, "Tabriz", ("retirees",), PEACEFUL, 70, 100, "about a hundred", "for pensions that keep up with prices", "Retirees gathered outside the social security office.", "بازنشستگان مقابل ادارهٔ تأمین اجتماعی تجمع کردند.", ("retirees",), None, None, (), True, State.PUBLISHED),
    (3, "Haft Tappeh", ("workers",), PEACEFUL, 200, 300, "hundreds", "for three months of unpaid wages\nagainst the privatisation of the sugar company", "Sugar cane workers struck and gathered outside the company's offices.", "کارگران نیشکر هفت‌تپه اعتصاب کردند و مقابل دفتر شرکت تجمع کردند.", ("labour", "video"), None, None, ("sepideh-gholian",), False, State.PUBLISHED),
    (5, "Asaluyeh", ("workers",), PEACEFUL, 400, 600, "several hundred", "for permanent contracts\nfor wages paid on time", "Contract workers of the petrochemical plants struck for a third day.", "کارگران پیمانی پتروشیمی برای سومین روز اعتصاب کردند.", ("labour",), None, None, (), False, State.PUBLISHED),
    (7, "Tehran", ("families",), INTERVENTION, 30, 50, "dozens", "for the release of political prisoners\nagainst executions", "Families of political prisoners gathered outside Evin prison; several were detained for hours.", "خانواده‌های زندانیان سیاسی مقابل زندان اوین تجمع کردند؛ چند نفر ساعاتی بازداشت شدند.", ("rights", "video"), 4, None, ("narges-mohammadi",), False, State.PUBLISHED),
    (9, "Sanandaj", ("teachers",), INTERVENTION, 50, 70, "dozens", "for the release of imprisoned teachers", "Teachers gathered outside the education department; security forces filmed them.", "معلمان مقابل ادارهٔ آموزش و پرورش تجمع کردند؛ نیروهای امنیتی از آنان فیلم گرفتند.", ("teachers", "kurd"), 2, None, ("rasoul-bodaghi",), False, State.PUBLISHED),
    (11, "Shiraz", ("teachers",), PEACEFUL, 100, 150, "over a hundred", "for the ranking pay law to be carried out\nfor the release of imprisoned teachers", "Teachers gathered outside the education department.", "معلمان مقابل ادارهٔ آموزش و پرورش تجمع کردند.", ("teachers",), None, None, ("rasoul-bodaghi",), False, State.PUBLISHED),
    (12, "Mashhad", ("nurses",), PEACEFUL, 60, 90, "dozens", "for overtime pay\nagainst staff shortages", "Nurses of the university hospitals gathered outside the medical university.", "پرستاران بیمارستان‌های دانشگاهی مقابل دانشگاه علوم پزشکی تجمع کردند.", ("labour",), None, None, (), False, State.PUBLISHED),
    (14, "Tehran", ("students",), INTERVENTION, 100, 200, "hundreds", "against the expulsion of students\nfor the release of detained students", "Students gathered on campus; security guards blocked the gates.", "دانشجویان در محوطهٔ دانشگاه تجمع کردند؛ حراست درها را بست.", ("students", "video"), None, None, (), False, State.PUBLISHED),
    (16, "Zahedan", ("ethnic",), FORCE, 500, 1000, "hundreds, by some reports a thousand", "against executions\nfor accountability for the killings of protesters", "After Friday prayers, people marched; security forces fired tear gas and pellets.", "پس از نماز جمعه مردم راهپیمایی کردند؛ نیروهای امنیتی گاز اشک‌آور و ساچمه شلیک کردند.", ("baluch", "rights"), 6, 9, (), False, State.PUBLISHED),
    (18, "Karaj", ("investors",), PEACEFUL, 100, 200, "hundreds", "for the return of deposits", "Depositors of a failed car pre-sale scheme gathered outside the courthouse.", "مال‌باختگان پیش‌فروش خودرو مقابل دادگستری تجمع کردند.", ("rights",), None, None, (), False, State.PUBLISHED),
    (20, "Yasuj", ("farmers",), PEACEFUL, 40, 60, "dozens", "for water rights", "Farmers gathered outside the governorate over water allocated to other regions.", "کشاورزان در اعتراض به انتقال آب مقابل استانداری تجمع کردند.", ("labour",), None, None, (), False, State.PUBLISHED),
    (26, "Isfahan", ("farmers",), INTERVENTION, 300, 500, "hundreds", "for the Zayandeh Rud's water", "Farmers gathered on the dry riverbed; police dispersed them.", "کشاورزان در بستر خشک زاینده‌رود تجمع کردند؛ پلیس آنان را پراکنده کرد.", ("labour", "video"), 5, None, (), False, State.PUBLISHED),
    (29, "Bandar Abbas", ("truckers",), PEACEFUL, None, None, "drivers across the port", "for higher freight rates\nfor cheaper insurance", "Truck drivers at the port stopped work.", "رانندگان کامیون در بندر دست از کار کشیدند.", ("labour",), None, None, (), False, State.PUBLISHED),
    (31, "Tabriz", ("bazaar",), PEACEFUL, None, None, "many shops closed", "against the fall of the currency", "Shopkeepers of the bazaar closed their shops.", "کسبهٔ بازار مغازه‌های خود را بستند.", ("rights",), None, None, (), False, State.PUBLISHED),
    (34, "Khorramabad", ("workers",), PEACEFUL, 40, 60, "dozens", "for unpaid wages", "Municipal workers gathered outside the city hall.", "کارگران شهرداری مقابل ساختمان شهرداری تجمع کردند.", ("labour",), None, None, (), False, State.PUBLISHED),
    (37, "Saqqez", ("women", "residents"), INTERVENTION, 200, 400, "hundreds", "for accountability for the death of a young woman in custody", "People gathered at a cemetery for a commemoration; security forces arrested several.", "مردم برای مراسم یادبود در گورستان گرد آمدند؛ نیروهای امنیتی چند نفر را بازداشت کردند.", ("kurd", "video"), 7, None, (), False, State.PUBLISHED),
    (40, "Ardabil", ("workers",), PEACEFUL, 50, 80, "dozens", "for the reopening of the factory", "Workers of a closed textile factory gathered outside the governorate.", "کارگران یک کارخانهٔ نساجی تعطیل‌شده مقابل استانداری تجمع کردند.", ("labour",), None, None, (), False, State.PUBLISHED),
    (44, "Kerman", ("workers",), PEACEFUL, 300, 400, "hundreds", "for wages indexed to inflation", "Copper miners struck and gathered at the mine's entrance.", "کارگران معدن مس اعتصاب کردند و در ورودی معدن تجمع کردند.", ("labour", "video"), None, None, ("mehran-raouf",), False, State.PUBLISHED),
    (47, "Hamadan", ("teachers",), PEACEFUL, 40, 60, "dozens", "for the ranking pay law to be carried out", "Retired and serving teachers gathered outside the education department.", "معلمان شاغل و بازنشسته مقابل ادارهٔ آموزش و پرورش تجمع کردند.", ("teachers",), None, None, (), False, State.PUBLISHED),
    (52, "Shahrekord", ("nurses",), PEACEFUL, 30, 50, "dozens", "for overtime pay", "Nurses gathered outside the provincial hospital.", "پرستاران مقابل بیمارستان استان تجمع کردند.", ("labour",), None, None, (), False, State.PUBLISHED),
    (58, "Urmia", ("residents",), PEACEFUL, 500, 800, "hundreds", "for saving Lake Urmia", "Residents formed a human chain along the lake's shore.", "مردم در کنارهٔ دریاچه زنجیرهٔ انسانی تشکیل دادند.", ("rights",), None, None, (), False, State.PUBLISHED),
    (63, "Qazvin", ("students",), PEACEFUL, 60, 100, "dozens", "against the dormitory fees", "Students gathered outside the university's administration.", "دانشجویان مقابل ساختمان مدیریت دانشگاه تجمع کردند.", ("students",), None, None, (), False, State.PUBLISHED),
    (71, "Arak", ("workers",), INTERVENTION, 200, 300, "hundreds", "for unpaid wages\nagainst the privatisation of the plant", "Machinery plant workers blocked the railway; police arrested several.", "کارگران ماشین‌سازی راه‌آهن را بستند؛ پلیس چند نفر را بازداشت کرد.", ("labour", "video"), 8, 2, ("mehran-raouf",), False, State.PUBLISHED),
    (78, "Birjand", ("retirees",), PEACEFUL, 30, 40, "dozens", "for pensions that keep up with prices", "Retirees gathered outside the governorate.", "بازنشستگان مقابل استانداری تجمع کردند.", ("retirees",), None, None, (), False, State.PUBLISHED),
    (85, "Gorgan", ("farmers",), PEACEFUL, 50, 70, "dozens", "for a fair wheat price", "Wheat farmers gathered outside the governorate.", "گندم‌کاران مقابل استانداری تجمع کردند.", ("labour",), None, None, (), False, State.PUBLISHED),
    (2, "Yazd", ("workers",), PEACEFUL, None, None, "", "for unpaid wages", "A report of tile factory workers gathering: not confirmed yet.", "گزارش تجمع کارگران کارخانهٔ کاشی؛ هنوز تأیید نشده است.", ("video",), None, None, (), False, State.DRAFT),
    (4, "Zanjan", ("students",), PEACEFUL, None, None, "", "", "A report of students gathering at the university: waiting for a second source.", "گزارش تجمع دانشجویان در دانشگاه؛ در انتظار منبع دوم.", (), None, None, (), False, State.DRAFT),
    # Solidarity abroad.
    (6, "London", ("diaspora",), PEACEFUL, 300, 500, "hundreds", "for the release of Iran's political prisoners\nagainst executions in Iran", "A vigil in Trafalgar Square with the names and photos of political prisoners.", "شب‌زنده‌داری در میدان ترافالگار با نام و عکس زندانیان سیاسی.", ("diaspora",), None, None, ("narges-mohammadi", "nasrin-sotoudeh"), False, State.PUBLISHED),
    (13, "Berlin", ("diaspora",), PEACEFUL, 500, 800, "hundreds", "for the release of Iran's political prisoners", "A march from the Brandenburg Gate in solidarity with imprisoned workers and teachers.", "راهپیمایی از دروازهٔ براندنبورگ در همبستگی با کارگران و معلمان زندانی.", ("diaspora",), None, None, ("mehran-raouf",), False, State.PUBLISHED),
    (21, "Paris", ("diaspora", "women"), PEACEFUL, 200, 300, "hundreds", "for the release of imprisoned women", "A rally at Place de la République for women held in Evin and Qarchak prisons.", "گردهمایی در میدان جمهوری برای زنان زندانی در اوین و قرچک.", ("diaspora",), None, None, ("narges-mohammadi",), False, State.PUBLISHED),
    (35, "Toronto", ("diaspora",), PEACEFUL, 150, 250, "hundreds", "against executions in Iran", "A rally at Mel Lastman Square against executions.", "گردهمایی در میدان مل لستمن در اعتراض به اعدام‌ها.", ("diaspora",), None, None, (), False, State.PUBLISHED),
    (49, "Stockholm", ("diaspora",), PEACEFUL, 100, 150, "over a hundred", "for the release of Iran's political prisoners", "A rally outside parliament with the campaign's list of prisoners.", "گردهمایی مقابل پارلمان با فهرست زندانیان کارزار.", ("diaspora",), None, None, (), False, State.PUBLISHED),
    (66, "Los Angeles", ("diaspora",), PEACEFUL, 1000, 2000, "over a thousand", "for the release of Iran's political prisoners\nin solidarity with striking workers in Iran", "A march through Westwood in solidarity with Iran's strikers and prisoners.", "راهپیمایی در وست‌وود در همبستگی با اعتصاب‌کنندگان و زندانیان ایران.", ("diaspora", "video"), None, None, (), False, State.PUBLISHED),
]  # fmt: skip


def load() -> str:
    """Load the demo protests once; a second call changes nothing."""
    if loaded():
        return "Demo protests already loaded."
    today = timezone.localdate()
    with transaction.atomic():
        wave, _created = Wave.objects.get_or_create(
            code=WAVE["code"], defaults={**WAVE, "is_demo": True}
        )
        groups = ParticipantGroup.objects.in_bulk(field_name="slug")
        people = Person.objects.filter(is_demo=True).in_bulk(field_name="slug")
        for number, row in enumerate(PROTESTS, start=1):
            _protest(number, row, today, wave, groups, people)
    return f"Loaded {len(PROTESTS)} demo protests."


def loaded() -> bool:
    return Protest.objects.filter(is_demo=True).exists()


def _protest(
    number: int,
    row: tuple,
    today: date,
    wave: Wave,
    groups: dict[str, ParticipantGroup],
    people: dict[str, Person],
) -> Protest:
    (days, town, slugs, sub_event, low, high, words, claims, notes, notes_fa, sources,
     arrests, injuries, prisoners, in_wave, state) = row  # fmt: skip
    place, latitude, longitude = TOWNS[town]
    if isinstance(place, tuple):
        country, admin1 = place
        region = "North America" if country in ("CA", "US") else "Europe"
        where = {"country": country, "admin1": admin1, "province": "", "region": region}
        actor = f"Protesters ({ABROAD_ACTOR[country]})"
    else:
        where = {"country": "IR", "province": place}
        actor = "Protesters (Iran)"
    return protest_create(
        by=None,
        state=state,
        date=today - timedelta(days=days),
        sub_event_type=sub_event,
        actor1=actor,
        location=town,
        latitude=Decimal(latitude),
        longitude=Decimal(longitude),
        size_low=low,
        size_high=high,
        size_text=words,
        claims=claims,
        notes=notes,
        notes_fa=notes_fa,
        arrests=arrests,
        injuries=injuries,
        wave=wave if in_wave else None,
        is_demo=True,
        groups=[groups[slug] for slug in slugs if slug in groups],
        prisoners=[people[slug] for slug in prisoners if slug in people],
        sources=[
            {
                "name": SOURCES[key],
                "url": f"https://example.org/{key}/{number}",
                "published_on": today - timedelta(days=days),
            }
            for key in sources
        ],
        **where,
    )

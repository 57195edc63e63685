"""The columns of the exchange file: ACLED's 31, in ACLED's order, then ours prefixed x_.

ACLED's columns are those of its exports since March 2023 (event_id_cnty ... tags, timestamp),
with inter1, inter2 and interaction as text as ACLED writes them since 2024. Ours follow in the
same row, prefixed x_, rather than in a second file: a record stays one row (nothing to join,
and an import checks and saves each record whole), a program that reads ACLED's columns by name
reads our file unchanged, and one that reads them by position still finds them first.

Several values in one cell are separated by "; " as ACLED separates its sources and associated
actors; a value never contains ";" (sources are split on it, group, wave and prisoner codes are
slugs).
"""

import re
from datetime import date

from freethem.protests.vocab import ActorType, Province

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
# The Crowd Counting Consortium's fields and ours. x_scope is written for readers ("inside" Iran
# or "abroad") and checked against the country on import; it is never stored.
EXTRA_COLUMNS = (
    "x_state",
    "x_size_low",
    "x_size_high",
    "x_size_text",
    "x_claims",
    "x_groups",
    "x_arrests",
    "x_injuries",
    "x_deaths",
    "x_wave",
    "x_scope",
    "x_prisoners",
    "x_source_urls",
    "x_notes_fa",
)
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS
# Columns ACLED adds on request (population estimates): read past, never stored.
IGNORED_COLUMNS = ("population_1km", "population_2km", "population_5km", "population_best")

SEPARATOR = "; "
INSIDE, ABROAD = "inside", "abroad"

# ACLED ids: the country's ISO alpha-3 code and a number ("IRN1234"). Ours: "FT", letters and a
# number ("FTIRN12"), which no ACLED id can be.
ACLED_ID = re.compile(r"[A-Z]{3}[0-9]{1,12}")
OUR_ID = re.compile(r"FT[A-Z]{0,6}[0-9]{1,12}")

DISORDER_TYPES = ("Demonstrations", "Political violence; Demonstrations", "Political violence")
CIVILIAN_TARGETING = ("", "Civilian targeting")
# Older codebooks spell it "protestors".
SUB_EVENT_SPELLINGS = {"Excessive force against protestors": "Excessive force against protesters"}

# ACLED's numeric actor codes (files before 2024, the API with inter_num=1).
ACTOR_CODES = {str(number): actor.value for number, actor in enumerate(ActorType, 1)}
ACTOR_NUMBERS = {label: code for code, label in ACTOR_CODES.items()}

# Province names as ACLED writes admin1 for Iran (the export writes these).
ADMIN1 = {
    Province.MARKAZI: "Markazi",
    Province.GILAN: "Gilan",
    Province.MAZANDARAN: "Mazandaran",
    Province.EAST_AZERBAIJAN: "East Azerbaijan",
    Province.WEST_AZERBAIJAN: "West Azerbaijan",
    Province.KERMANSHAH: "Kermanshah",
    Province.KHUZESTAN: "Khuzestan",
    Province.FARS: "Fars",
    Province.KERMAN: "Kerman",
    Province.RAZAVI_KHORASAN: "Razavi Khorasan",
    Province.ISFAHAN: "Isfahan",
    Province.SISTAN_BALUCHESTAN: "Sistan and Baluchestan",
    Province.KURDISTAN: "Kurdistan",
    Province.HAMADAN: "Hamadan",
    Province.CHAHARMAHAL: "Chaharmahal and Bakhtiari",
    Province.LORESTAN: "Lorestan",
    Province.ILAM: "Ilam",
    Province.KOHGILUYEH: "Kohgiluyeh and Boyer-Ahmad",
    Province.BUSHEHR: "Bushehr",
    Province.ZANJAN: "Zanjan",
    Province.SEMNAN: "Semnan",
    Province.YAZD: "Yazd",
    Province.HORMOZGAN: "Hormozgan",
    Province.TEHRAN: "Tehran",
    Province.ARDABIL: "Ardabil",
    Province.QOM: "Qom",
    Province.QAZVIN: "Qazvin",
    Province.GOLESTAN: "Golestan",
    Province.NORTH_KHORASAN: "North Khorasan",
    Province.SOUTH_KHORASAN: "South Khorasan",
    Province.ALBORZ: "Alborz",
}
# Other spellings found in ACLED's older files, GADM and the press, by their key().
ADMIN1_SPELLINGS = {
    "esfahan": Province.ISFAHAN,
    "khorasanerazavi": Province.RAZAVI_KHORASAN,
    "khorasanrazavi": Province.RAZAVI_KHORASAN,
    "razavikhorasan": Province.RAZAVI_KHORASAN,
    "azarbayjanesharqi": Province.EAST_AZERBAIJAN,
    "easternazerbaijan": Province.EAST_AZERBAIJAN,
    "azarbaijanesharqi": Province.EAST_AZERBAIJAN,
    "azarbayjanegharbi": Province.WEST_AZERBAIJAN,
    "westernazerbaijan": Province.WEST_AZERBAIJAN,
    "azarbaijanegharbi": Province.WEST_AZERBAIJAN,
    "kordestan": Province.KURDISTAN,
    "kurdestan": Province.KURDISTAN,
    "hamedan": Province.HAMADAN,
    "chaharmahalbakhtiari": Province.CHAHARMAHAL,
    "chaharmahaalandbakhtiari": Province.CHAHARMAHAL,
    "chaharmahalvabakhtiari": Province.CHAHARMAHAL,
    "kohgiluyehandbuyerahmad": Province.KOHGILUYEH,
    "kohkiluyehandbuyerahmad": Province.KOHGILUYEH,
    "kohgiluyehvaboyerahmad": Province.KOHGILUYEH,
    "kohgiluyehandboyerahmad": Province.KOHGILUYEH,
    "sistanandbaluchistan": Province.SISTAN_BALUCHESTAN,
    "sistanvabaluchestan": Province.SISTAN_BALUCHESTAN,
    "sistanbaluchestan": Province.SISTAN_BALUCHESTAN,
    "khorasaneshomali": Province.NORTH_KHORASAN,
    "northernkhorasan": Province.NORTH_KHORASAN,
    "khorasanejonubi": Province.SOUTH_KHORASAN,
    "southernkhorasan": Province.SOUTH_KHORASAN,
    "ardebil": Province.ARDABIL,
    "guilan": Province.GILAN,
    "luristan": Province.LORESTAN,
    "boushehr": Province.BUSHEHR,
    "busher": Province.BUSHEHR,
    "kermanshahan": Province.KERMANSHAH,
    "tehranprovince": Province.TEHRAN,
}

# Country names where ACLED's differ from django-countries' English ones.
ACLED_COUNTRY_NAMES = {
    "US": "United States",
    "TR": "Turkey",
    "RU": "Russia",
    "KR": "South Korea",
    "CZ": "Czech Republic",
    "GB": "United Kingdom",
    "NL": "Netherlands",
}

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTH_NUMBERS = {name.lower(): n for n, name in enumerate(MONTHS, 1)}
MONTH_NUMBERS |= {name[:3].lower(): n for n, name in enumerate(MONTHS, 1)}
# "02 May 2025" (ACLED's export tool), "16-May-2025", and "2025-05-16" (ACLED's API).
ACLED_DATE = re.compile(r"([0-9]{1,2})[ -]([A-Za-z]{3,9})[ -]([0-9]{4})")


def key(name: str) -> str:
    """A place name reduced to lower-case ASCII letters, for matching spellings."""
    name = name.lower().replace("province", "").replace("ostan-e", "").replace("ostan", "")
    return "".join(char for char in name if "a" <= char <= "z")


PROVINCE_BY_NAME = {key(name): code for code, name in ADMIN1.items()} | ADMIN1_SPELLINGS


def province_of(name: str) -> str | None:
    """The IR-xx code of an admin1 name in any spelling we know, or of the code itself."""
    name = name.strip()
    if name.upper() in Province.values:
        return name.upper()
    return PROVINCE_BY_NAME.get(key(name))


def date_text(value: date) -> str:
    """A date as ACLED's exports write it: "02 May 2025"."""
    return f"{value.day:02d} {MONTHS[value.month - 1]} {value.year}"


def read_date(text: str) -> date | None:
    """ACLED's "16 May 2025" or "16-May-2025", or ISO "2025-05-16"; None if not a real date."""
    text = text.strip()
    if match := ACLED_DATE.fullmatch(text):
        month = MONTH_NUMBERS.get(match[2].lower())
        if month is None:
            return None
        try:
            return date(int(match[3]), month, int(match[1]))
        except ValueError:
            return None
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def split(cell: str) -> list[str]:
    """The values of a ";"-separated cell, without blanks."""
    return [value.strip() for value in cell.split(";") if value.strip()]

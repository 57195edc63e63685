"""Dates as Iranian sources give them: Solar Hijri or Gregorian, often only a month or a year.

A PartialDate keeps what the source said: the Gregorian date of the first day of the period it
names, how precise it is, the calendar it was given in and the text as typed. Nothing here
invents a day the source did not give.
"""

import calendar as gregorian_calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from persiantools import digits
from persiantools.jdatetime import JalaliDate

from freethem.core.text import normalize

# The example dates in these texts are put in by date_examples(), each isolated.
DATE_UNREADABLE_TEXT = _("Enter a date such as %(jalali)s, %(gregorian)s, %(month)s or %(year)s.")
DATE_NO_SUCH_DAY = _("That day does not exist in that month.")
DATE_NO_SUCH_MONTH = _("There is no month %(month)s: months run from 1 to 12.")
DATE_YEAR_AMBIGUOUS = _(
    "Years 1700 to 1799 are neither recent Solar Hijri nor recent Gregorian years; check the year."
)
DATE_IN_FUTURE = _("That date is in the future.")
DATE_UNKNOWN = _("date unknown")
PARTIAL_DATE_HELP_TEXT = _(
    "Solar Hijri or Gregorian, in Persian or Latin digits: %(jalali)s, %(month)s, %(gregorian)s, "
    "%(year)s."
)

JALALI_MONTHS_FA = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip
JALALI_MONTHS_EN = (
    "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand",
)  # fmt: skip
# As Django's fa locale names them.
GREGORIAN_MONTHS_FA = (
    "ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن",
    "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر",
)  # fmt: skip
GREGORIAN_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# Other spellings people type, by month number.
JALALI_MONTH_VARIANTS = {5: ("امرداد", "amordad"), 10: ("dei",), 12: ("isfand",)}
GREGORIAN_MONTH_VARIANTS = {
    5: ("می",),
    6: ("ژوین",),
    7: ("ژوییه", "جولای"),
    8: ("آگوست",),
    9: ("sept",),
}

FIRST_GREGORIAN_YEAR = 1800  # years from here on are Gregorian
LAST_JALALI_YEAR = 1699  # and up to here Solar Hijri; between, a typo is likelier than either


LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"  # Unicode's left-to-right and first-strong isolates


def date_examples() -> dict[str, str]:
    """The example dates, each in a Unicode isolate: in a Persian sentence the bidi algorithm
    would otherwise read Latin digits after Persian letters as Arabic numbers and show
    2020-10-31 as 31-10-2020, and the list of examples out of order."""
    jalali = "1399/08/10"
    if (translation.get_language() or "").startswith("fa"):
        jalali = digits.en_to_fa(jalali)
    return {
        "jalali": f"{LRI}{jalali}{PDI}",
        "month": f"{FSI}آبان ۱۳۹۹{PDI}",
        "gregorian": f"{LRI}2020-10-31{PDI}",
        "year": f"{LRI}2020{PDI}",
    }


def _with_examples(text: str) -> str:
    return str(text) % date_examples()


DATE_UNREADABLE = lazy(_with_examples, str)(DATE_UNREADABLE_TEXT)
PARTIAL_DATE_HELP = lazy(_with_examples, str)(PARTIAL_DATE_HELP_TEXT)


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    UNKNOWN = "unknown", _("unknown")


class Calendar(models.TextChoices):
    GREGORIAN = "gregorian", _("Gregorian")
    JALALI = "jalali", _("Solar Hijri")


@dataclass(frozen=True)
class PartialDate:
    date: datetime.date | None
    precision: Precision
    calendar: Calendar
    text: str

    @classmethod
    def unknown(cls, text: str = "") -> "PartialDate":
        return cls(None, Precision.UNKNOWN, Calendar.GREGORIAN, text)


# Parsing -----------------------------------------------------------------------------------


def _fold(word: str) -> str:
    # Month names match whatever the keyboard: Arabic yeh/kaf, case, and آ typed as ا.
    return normalize(word).replace("آ", "ا")


def _month_names() -> dict[str, tuple[Calendar, int]]:
    tables = (
        (Calendar.JALALI, (JALALI_MONTHS_FA, JALALI_MONTHS_EN), JALALI_MONTH_VARIANTS),
        (Calendar.GREGORIAN, (GREGORIAN_MONTHS_FA, GREGORIAN_MONTHS_EN), GREGORIAN_MONTH_VARIANTS),
    )
    names = {}
    for calendar, (persian, english), variants in tables:
        for month in range(1, 13):
            spellings = (persian[month - 1], english[month - 1], *variants.get(month, ()))
            names |= {_fold(name): (calendar, month) for name in spellings}
        if calendar == Calendar.GREGORIAN:
            names |= {_fold(name[:3]): (calendar, i + 1) for i, name in enumerate(english)}
    return names


MONTH_NAMES = _month_names()
FILLER_WORDS = {"ماه", "سال"}  # "آبان ماه ۱۳۹۹", "سال ۱۳۹۹": "month", "year"

NUMERIC = re.compile(r"(\d{4})(?:\s*[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{1,2}))?)?")
WORD = re.compile(r"\d+|[^\W\d_]+")


@dataclass(frozen=True)
class _Reading:
    year: int
    month: int | None = None
    day: int | None = None
    named: Calendar | None = None  # the calendar a month name belongs to


def _unreadable() -> ValidationError:
    return ValidationError(DATE_UNREADABLE, code="unreadable")


def _numeric(text: str) -> _Reading | None:
    """Year first, as Iranian sources write numeric dates: 1399/08/10, 2020-10, 1399."""
    match = NUMERIC.fullmatch(text)
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    return _Reading(year, month, day)


def _named(text: str) -> _Reading | None:
    """A month named in words: آبان ۱۳۹۹, 10 Aban 1399, October 31, 2020, سال ۱۳۹۹."""
    words = [word for word in WORD.findall(text) if word not in FILLER_WORDS]
    shape = "".join("n" if word.isdigit() else "m" for word in words)
    if shape == "n" and len(words[0]) == 4:
        return _Reading(int(words[0]))
    if shape not in ("mn", "nmn", "mnn") or len(words[-1]) != 4:
        return None
    month = MONTH_NAMES.get(_fold(words[shape.index("m")]))
    if month is None:
        return None
    day = {"mn": "", "nmn": words[0], "mnn": words[1]}[shape]
    if len(day) > 2:
        return None
    return _Reading(int(words[-1]), month[1], int(day) if day else None, month[0])


def _calendar_of(year: int) -> Calendar:
    if year >= FIRST_GREGORIAN_YEAR:
        return Calendar.GREGORIAN
    if year > LAST_JALALI_YEAR:
        raise ValidationError(DATE_YEAR_AMBIGUOUS, code="year_ambiguous")
    if year < 1:
        raise _unreadable()
    return Calendar.JALALI


def _to_gregorian(calendar: Calendar, year: int, month: int, day: int) -> datetime.date:
    try:
        if calendar == Calendar.JALALI:
            return JalaliDate(year, month, day).to_gregorian()
        return datetime.date(year, month, day)
    except (ValueError, OverflowError):
        raise ValidationError(DATE_NO_SUCH_DAY, code="no_such_day") from None


def _precision(reading: _Reading) -> Precision:
    if reading.day is not None:
        return Precision.DAY
    return Precision.YEAR if reading.month is None else Precision.MONTH


def _partial_date(reading: _Reading, text: str) -> PartialDate:
    calendar = _calendar_of(reading.year)
    if reading.named not in (None, calendar):
        raise _unreadable()  # "Aban 2020", "October 1399"
    month = 1 if reading.month is None else reading.month
    if not 1 <= month <= 12:
        raise ValidationError(DATE_NO_SUCH_MONTH, code="no_such_month", params={"month": month})
    day = 1 if reading.day is None else reading.day
    date = _to_gregorian(calendar, reading.year, month, day)
    # A month or a year that has begun is not in the future.
    if date > timezone.localdate():
        raise ValidationError(DATE_IN_FUTURE, code="future")
    return PartialDate(date, _precision(reading), calendar, text)


def parse_partial_date(text: str) -> PartialDate:
    """The PartialDate text gives, at the precision it gives; ValidationError if it gives none."""
    typed = text.strip()
    if not typed:
        return PartialDate.unknown()
    folded = normalize(typed)
    reading = _numeric(folded) or _named(folded)
    if reading is None:
        raise _unreadable()
    return _partial_date(reading, typed)


# Formatting --------------------------------------------------------------------------------


def _jalali_month(month: int, persian: bool) -> str:
    return (JALALI_MONTHS_FA if persian else JALALI_MONTHS_EN)[month - 1]


def _gregorian_month(month: int, persian: bool) -> str:
    return (GREGORIAN_MONTHS_FA if persian else GREGORIAN_MONTHS_EN)[month - 1]


def _span(first: tuple[str, int], last: tuple[str, int]) -> str:
    """'October–November 2020', 'December 2020–January 2021' or 'October 2020'."""
    (first_month, first_year), (last_month, last_year) = first, last
    if first_year != last_year:
        return f"{first_month} {first_year}–{last_month} {last_year}"
    if first_month != last_month:
        return f"{first_month}–{last_month} {last_year}"
    return f"{last_month} {last_year}"


def _format_day(value: PartialDate, persian: bool) -> str:
    day = value.date
    jday = JalaliDate(day)
    gregorian = f"{day.day} {_gregorian_month(day.month, persian)} {day.year}"
    jalali = f"{jday.day} {_jalali_month(jday.month, persian)} {jday.year}"
    if persian:
        return f"{jalali} ({gregorian})"
    return f"{gregorian} ({jalali})" if value.calendar == Calendar.JALALI else gregorian


def _gregorian_span(first: datetime.date, last: datetime.date) -> str:
    return _span(
        (_gregorian_month(first.month, False), first.year),
        (_gregorian_month(last.month, False), last.year),
    )


def _jalali_span(first: JalaliDate, last: JalaliDate) -> str:
    return _span(
        (_jalali_month(first.month, True), first.year), (_jalali_month(last.month, True), last.year)
    )


def _format_month(value: PartialDate, persian: bool) -> str:
    first = value.date
    if value.calendar == Calendar.JALALI:
        jfirst = JalaliDate(first)
        own = f"{_jalali_month(jfirst.month, persian)} {jfirst.year}"
        if persian:
            return own
        jlast = jfirst.replace(day=JalaliDate.days_in_month(jfirst.month, jfirst.year))
        return f"{own} ({_gregorian_span(first, jlast.to_gregorian())})"
    own = f"{_gregorian_month(first.month, persian)} {first.year}"
    if not persian:
        return own
    last = first.replace(day=gregorian_calendar.monthrange(first.year, first.month)[1])
    return f"{own} ({_jalali_span(JalaliDate(first), JalaliDate(last))})"


def _format_year(value: PartialDate, persian: bool) -> str:
    first = value.date
    if value.calendar == Calendar.JALALI:
        own = str(JalaliDate(first).year)
        return own if persian else f"{own} ({first.year}–{first.year + 1})"
    if not persian:
        return str(first.year)
    last = JalaliDate(first.replace(month=12, day=31)).year
    return f"{first.year} ({JalaliDate(first).year}–{last})"


FORMATTERS: dict[str, Callable[[PartialDate, bool], str]] = {
    Precision.DAY: _format_day,
    Precision.MONTH: _format_month,
    Precision.YEAR: _format_year,
}


def format_partial_date(value: PartialDate, language: str) -> str:
    """The date at its precision, in both calendars where a reader needs both; plain text."""
    formatter = FORMATTERS.get(value.precision)
    if value.date is None or formatter is None:
        with translation.override(language):
            return str(DATE_UNKNOWN)
    persian = language.split("-")[0] == "fa"
    text = formatter(value, persian)
    return digits.en_to_fa(text) if persian else text


# Forms -------------------------------------------------------------------------------------


def _as_text(value: PartialDate) -> str:
    """What to show for a PartialDate with no typed text: a form that parses back to it."""
    if value.date is None:
        return ""
    if value.calendar == Calendar.JALALI:
        jday = JalaliDate(value.date)
        year, month, day = jday.year, jday.month, jday.day
    else:
        year, month, day = value.date.year, value.date.month, value.date.day
    parts = {Precision.DAY: (year, month, day), Precision.MONTH: (year, month)}
    separator = "/" if value.calendar == Calendar.JALALI else "-"
    return separator.join(f"{part:02d}" for part in parts.get(value.precision, (year,)))


class PartialDateFormField(forms.CharField):
    """A date as sources give it; cleans to a PartialDate and shows the text as typed."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("help_text", PARTIAL_DATE_HELP)
        super().__init__(**kwargs)

    def to_python(self, value: object) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        text = super().to_python(value)
        super().run_validators(text)  # max_length first: no reading of an over-long text
        return parse_partial_date(text)

    def validate(self, value: PartialDate) -> None:
        if self.required and value.date is None:
            raise ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value: PartialDate) -> None:
        """Nothing left to do: to_python ran the validators on the text."""

    def prepare_value(self, value: object) -> object:
        if isinstance(value, PartialDate):
            return value.text or _as_text(value)
        return value

    def has_changed(self, initial: object, data: object) -> bool:
        shown = self.prepare_value(initial)
        return str(shown or "") != str(data or "").strip()

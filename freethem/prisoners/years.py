"""Years of arrest as visitors give them: Gregorian (2018) or Solar Hijri (1397, ۱۳۹۷).

A Gregorian year finds the arrests dated in it, as it always has (Django's __year lookup, the
same year the list page's counts group by). A Solar Hijri year runs from Nowruz to the day
before the next one (1397: 21 March 2018 to 20 March 2019) and finds the arrests whose dated
period overlaps it: a day in it, a Solar Hijri month or year in it (those never straddle two
Solar Hijri years), and a Gregorian month or year that overlaps it, since such an arrest may
have been in it ("2018" alone is in 1396 or in 1397).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from persiantools import digits
from persiantools.jdatetime import JalaliDate

from freethem.core.dates import Calendar, Precision

GREGORIAN_YEARS = range(1900, 2200)
# The Solar Hijri years that overlap GREGORIAN_YEARS: 1278 ran from March 1899 to March 1900.
SOLAR_HIJRI_YEARS = range(1278, 1579)


@dataclass(frozen=True)
class Year:
    number: int
    calendar: Calendar

    @property
    def value(self) -> str:
        """The year as the list page's ?year= takes it, in Latin digits."""
        return str(self.number)

    @property
    def first_day(self) -> datetime.date:
        if self.calendar == Calendar.JALALI:
            return JalaliDate(self.number, 1, 1).to_gregorian()
        return datetime.date(self.number, 1, 1)

    @property
    def last_day(self) -> datetime.date:
        if self.calendar == Calendar.JALALI:
            return JalaliDate(self.number + 1, 1, 1).to_gregorian() - datetime.timedelta(days=1)
        return datetime.date(self.number, 12, 31)


def parse_year(text: str) -> Year | None:
    """The year text names, in Persian, Arabic-Indic or Latin digits; None when it is not a
    year in either calendar's range."""
    latin = digits.fa_to_en(digits.ar_to_fa(text.strip()))
    if not (latin.isascii() and latin.isdigit() and len(latin) == 4):
        return None
    number = int(latin)
    if number in GREGORIAN_YEARS:
        return Year(number, Calendar.GREGORIAN)
    if number in SOLAR_HIJRI_YEARS:
        return Year(number, Calendar.JALALI)
    return None


def arrested_in(year: Year, path: str = "") -> Q:
    """The cases (path "" from Case) with an arrest in year (see the module's docstring).
    Each alternative is a range of arrest dates, for the database to read from its index."""
    field = f"{path}arrested_on"
    if year.calendar == Calendar.GREGORIAN:
        return Q(**{f"{field}__year": year.number})
    first, last = year.first_day, year.last_day

    def gregorian(precision: Precision, start: datetime.date) -> Q:
        """A Gregorian period of this precision that starts from start and before the
        year, so overlaps its first days."""
        return Q(
            **{
                f"{field}__gte": start,
                f"{field}__lt": first,
                f"{field}_precision": precision,
                f"{field}_calendar": Calendar.GREGORIAN,
            }
        )

    return (
        Q(**{f"{field}__range": (first, last)})
        | gregorian(Precision.MONTH, first.replace(day=1))
        | gregorian(Precision.YEAR, first.replace(month=1, day=1))
    )

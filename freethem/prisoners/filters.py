"""The list page's filters: which values a visitor chose, and how many people each value finds.

Every filter is a GET parameter that may repeat (?status=serving&status=death-row): values of
one filter are alternatives (OR), different filters narrow each other (AND). The count beside
a value is the number of people it would show with the visitor's OTHER filters applied, so a
visitor sees what each click would give. Counts are one GROUP BY query per filter. The
narrowing itself and the counting are PersonQuerySet's (narrow, count_by).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import F
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi, ngettext
from django.utils.translation import gettext_lazy as _

from freethem.core.dates import Calendar
from freethem.core.templatetags.freethem import num
from freethem.prisoners.models import Category, PersonQuerySet, Prison, matching
from freethem.prisoners.vocab import CustodyStatus, Province, Sex
from freethem.prisoners.years import parse_year

IGNORED_VALUES = _("Some filter values were not recognised and have been ignored.")
PAGE_NOT_FOUND = _("There is no such page of results; the nearest page is shown instead.")
SOLAR_HIJRI_YEAR = _("%(year)s (Solar Hijri)")
SEARCH_LIMIT = 200  # characters of ?q= that are searched for
SHOWN_BAD_YEARS = 3  # of the values of ?year= that are not years, those named in the notice


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    checked: bool


@dataclass(frozen=True)
class Facet:
    key: str  # the GET parameter
    label: Promise
    options: list[Option] = field(default_factory=list)

    @property
    def checked_count(self) -> int:
        return sum(option.checked for option in self.options)


@dataclass
class Selection:
    """The visitor's valid choices per filter, the search words, and whether anything they
    asked for was ignored."""

    chosen: dict[str, list[str]]
    q: str = ""
    ignored: bool = False
    not_years: list[str] = field(default_factory=list)  # values of ?year= that are not years

    def querystring(self, **extra: str | int) -> str:
        """The choices as a query string (valid values only), for page links."""
        pairs = [(key, value) for key, values in self.chosen.items() for value in values]
        if self.q:
            pairs.append(("q", self.q))
        pairs.extend((key, str(value)) for key, value in extra.items())
        return urlencode(pairs)

    @property
    def is_filtered(self) -> bool:
        return bool(self.q) or any(self.chosen.values())


def labels() -> dict[str, dict[str, str]]:
    """The valid values of each filter with their labels in the page's language, in the order
    they are offered. Two small queries: the category and prison directories."""
    return {
        "status": {value: str(label) for value, label in CustodyStatus.choices},
        "category": {c.slug: c.name for c in Category.objects.all()},
        "prison": {p.slug: p.name for p in Prison.objects.all()},
        "province": dict(sorted(((v, str(label)) for v, label in Province.choices), key=_second)),
        "sex": {value: str(label) for value, label in Sex.choices},
        "year": {},  # any Gregorian or Solar Hijri year (years.parse_year); offered from the data
    }


def _second(pair: tuple[str, str]) -> str:
    return pair[1]


def parse(query: QueryDict, known: dict[str, dict[str, str]]) -> Selection:
    """The visitor's choices. A year may be Gregorian or Solar Hijri, in Persian or Latin
    digits (kept in Latin digits); what is not a year is named in not_years, and any other
    value not offered is ignored with the general notice."""
    selection = Selection(chosen={}, q=query.get("q", "").strip()[:SEARCH_LIMIT])
    for key, values in known.items():
        given = list(dict.fromkeys(value.strip() for value in query.getlist(key) if value.strip()))
        if key == "year":
            years = {value: parse_year(value) for value in given}
            valid = list(dict.fromkeys(year.value for year in years.values() if year))
            selection.not_years = [value for value, year in years.items() if year is None]
        else:
            valid = [value for value in given if value in values]
            selection.ignored |= len(valid) != len(given)
        selection.chosen[key] = valid
    return selection


def not_years_notice(not_years: list[str]) -> SafeString:
    """The notice for values of ?year= that are not years, each shown isolated (they are
    whatever was typed), with an example of each calendar's years in the page's digits."""
    shown = not_years[:SHOWN_BAD_YEARS] + (["…"] if len(not_years) > SHOWN_BAD_YEARS else [])
    separator = "، " if get_language_bidi() else ", "
    values = format_html_join(separator, "<bdi>{}</bdi>", ((value,) for value in shown))
    message = ngettext(
        "%(values)s is not a year of arrest: give a year such as %(gregorian)s, or %(hijri)s "
        "in the Solar Hijri calendar.",
        "%(values)s are not years of arrest: give a year such as %(gregorian)s, or %(hijri)s "
        "in the Solar Hijri calendar.",
        len(not_years),
    )
    # The message is ours and the values are escaped by format_html_join.
    return mark_safe(message % {"values": values, "gregorian": num(2018), "hijri": num(1397)})  # noqa: S308


# Each filter's parameter, its label, and what its counts are grouped by.
FACETS: tuple[tuple[str, Promise, Callable[[], F | ExtractYear]], ...] = (
    ("status", _("Custody status"), lambda: F("custody_status")),
    ("category", _("Category"), lambda: F("categories__slug")),
    ("prison", _("Prison"), lambda: F("current_prison__slug")),
    ("province", _("Province"), lambda: F("current_prison__province")),
    ("sex", _("Sex"), lambda: F("sex")),
    ("year", _("Year of arrest"), lambda: ExtractYear("cases__arrested_on")),
)


def _solar_hijri(value: str) -> bool:
    year = parse_year(value)
    return year is not None and year.calendar == Calendar.JALALI


def _first_day(value: str) -> datetime.date:
    year = parse_year(value)
    return year.first_day if year else datetime.date.min


def _year_label(value: str) -> str:
    return str(SOLAR_HIJRI_YEAR % {"year": value}) if _solar_hijri(value) else value


def _options(
    key: str, found: dict[str, int], chosen: list[str], known: dict[str, str]
) -> list[Option]:
    """Values that find someone, and those the visitor chose even when they find no one."""
    if key == "year":
        # Latest first, a Solar Hijri year among the Gregorian ones by its first day.
        values: Iterable[str] = sorted(set(found) | set(chosen), key=_first_day, reverse=True)
        known = {value: _year_label(value) for value in values}
    else:
        values = [value for value in known if value in found or value in chosen]
    return [
        Option(value, known.get(value, value), found.get(value, 0), value in chosen)
        for value in values
    ]


def facets(
    people: PersonQuerySet, selection: Selection, known: dict[str, dict[str, str]]
) -> list[Facet]:
    """Each filter with its values and their counts under the visitor's other filters."""
    result = []
    for key, label, group in FACETS:
        others = people.narrow(selection.chosen, leave_out=key)
        found = others.count_by(group())
        if key == "year":  # the counts are by Gregorian year: count a Solar Hijri one apart
            for value in selection.chosen[key]:
                if _solar_hijri(value):
                    found[value] = others.filter(matching(key, [value])).count()
        options = _options(key, found, selection.chosen[key], known[key])
        result.append(Facet(key, label, options))
    return result

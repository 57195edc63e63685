"""The list page's filters: which values a visitor chose, and how many people each value finds.

Every filter is a GET parameter that may repeat (?status=serving&status=death-row): values of
one filter are alternatives (OR), different filters narrow each other (AND). The count beside
a value is the number of people it would show with the visitor's OTHER filters applied, so a
visitor sees what each click would give. Counts are one GROUP BY query per filter. The
narrowing itself and the counting are PersonQuerySet's (narrow, count_by).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import F
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from freethem.prisoners.models import Category, PersonQuerySet, Prison
from freethem.prisoners.vocab import CustodyStatus, Province, Sex

IGNORED_VALUES = _("Some filter values were not recognised and have been ignored.")
PAGE_NOT_FOUND = _("There is no such page of results; the nearest page is shown instead.")
SEARCH_LIMIT = 200  # characters of ?q= that are searched for
YEAR_RANGE = range(1900, 2200)


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
        "year": {},  # any year in YEAR_RANGE; offered from the data
    }


def _second(pair: tuple[str, str]) -> str:
    return pair[1]


def _valid(key: str, value: str, known: dict[str, str]) -> bool:
    if key == "year":
        return value.isascii() and value.isdigit() and int(value) in YEAR_RANGE
    return value in known


def parse(query: QueryDict, known: dict[str, dict[str, str]]) -> Selection:
    selection = Selection(chosen={}, q=query.get("q", "").strip()[:SEARCH_LIMIT])
    for key, values in known.items():
        given = [value.strip() for value in query.getlist(key) if value.strip()]
        valid = [value for value in dict.fromkeys(given) if _valid(key, value, values)]
        selection.chosen[key] = valid
        selection.ignored |= len(valid) != len(set(given))
    return selection


# Each filter's parameter, its label, and what its counts are grouped by.
FACETS: tuple[tuple[str, Promise, Callable[[], F | ExtractYear]], ...] = (
    ("status", _("Custody status"), lambda: F("custody_status")),
    ("category", _("Category"), lambda: F("categories__slug")),
    ("prison", _("Prison"), lambda: F("current_prison__slug")),
    ("province", _("Province"), lambda: F("current_prison__province")),
    ("sex", _("Sex"), lambda: F("sex")),
    ("year", _("Year of arrest"), lambda: ExtractYear("cases__arrested_on")),
)


def _options(
    key: str, found: dict[str, int], chosen: list[str], known: dict[str, str]
) -> list[Option]:
    """Values that find someone, and those the visitor chose even when they find no one."""
    if key == "year":
        values: Iterable[str] = sorted(set(found) | set(chosen), reverse=True)
        known = {value: value for value in values}
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
        found = people.narrow(selection.chosen, leave_out=key).count_by(group())
        options = _options(key, found, selection.chosen[key], known[key])
        result.append(Facet(key, label, options))
    return result

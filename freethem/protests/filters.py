"""The list page's filters: which values a visitor chose, what they select, and the notices for
what was not understood.

Each filter is one GET parameter with one value (?month=2026-10&province=IR-23): filters narrow
each other (AND). Values are bounded: only the first value of each parameter is read, at most
MAX_VALUE characters of it, and only values from the vocabularies (or a month in a sane range)
select anything; anything else is ignored with a notice, never an error page. The stats page's
headline figures link here, and count through the same `narrow`, so a figure and the records
its link shows always agree.
"""

import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q
from django.http import QueryDict
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from freethem.core.templatetags.freethem import num
from freethem.protests.models import ParticipantGroup, Protest, ProtestQuerySet, Wave
from freethem.protests.vocab import EventType, Province, SubEventType

IGNORED_VALUES = _("Some filter values were not recognised and have been ignored.")
BAD_MONTH = _(
    "The month was not understood and has been ignored: give a year and a month such as 2026-10."
)
PAGE_NOT_FOUND = _("There is no such page of results; the nearest page is shown instead.")
MAX_VALUE = 60  # characters of one filter value that are read
FIRST_YEAR, LAST_YEAR = 1979, 2100  # the months a visitor may ask for
MONTH = re.compile(r"(\d{4})-(\d{1,2})")
KEYS = ("month", "scope", "province", "group", "type", "wave")
SCOPES = {"inside": _("Inside Iran"), "abroad": _("Solidarity abroad")}
# ?type= takes an event type (Protests, Riots) or one of their sub-event types, by short code.
TYPES: dict[str, tuple[str, str, Promise]] = {
    "protests": ("event_type", EventType.PROTESTS, EventType.PROTESTS.label),
    "riots": ("event_type", EventType.RIOTS, EventType.RIOTS.label),
    "peaceful": ("sub_event_type", SubEventType.PEACEFUL, SubEventType.PEACEFUL.label),
    "intervention": ("sub_event_type", SubEventType.INTERVENTION, SubEventType.INTERVENTION.label),
    "excessive-force": (
        "sub_event_type",
        SubEventType.EXCESSIVE_FORCE,
        SubEventType.EXCESSIVE_FORCE.label,
    ),
    "violent": ("sub_event_type", SubEventType.VIOLENT, SubEventType.VIOLENT.label),
    "mob": ("sub_event_type", SubEventType.MOB, SubEventType.MOB.label),
}


def public_protests() -> ProtestQuerySet:
    """The records the public pages list and count: the published ones. A record merged into
    another is archived by the merge (protests.services), so it is counted and listed as the
    one that absorbed it; its own address leads there (views.pages.protest_detail)."""
    return Protest.objects.published()


def month_value(month: datetime.date) -> str:
    """The ?month= value of a month: "2026-10"."""
    return f"{month.year:04d}-{month.month:02d}"


def month_label(month: datetime.date) -> str:
    """'October 2026' in the page's language and digits."""
    return num(formats.date_format(month, "F Y"))


def parse_month(text: str) -> datetime.date | None:
    found = MONTH.fullmatch(text)
    if not found:
        return None
    year, month = int(found.group(1)), int(found.group(2))
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        return None
    return datetime.date(year, month, 1)


def next_month(month: datetime.date) -> datetime.date:
    return datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)


@dataclass
class Selection:
    """The visitor's valid choices, by parameter, and what they asked for that was ignored."""

    chosen: dict[str, str] = field(default_factory=dict)
    ignored: bool = False
    bad_month: bool = False

    @property
    def month(self) -> datetime.date | None:
        value = self.chosen.get("month")
        return parse_month(value) if value else None

    @property
    def is_filtered(self) -> bool:
        return bool(self.chosen)

    def querystring(self, **extra: str | int) -> str:
        """The valid choices as a query string, for page links."""
        pairs = [(key, self.chosen[key]) for key in KEYS if key in self.chosen]
        pairs.extend((key, str(value)) for key, value in extra.items())
        return urlencode(pairs)


def choices() -> dict[str, dict[str, str]]:
    """The values each filter offers, with their labels in the page's language (the month is
    any month, and is offered from the data)."""
    return {
        "month": {},
        "scope": {key: str(label) for key, label in SCOPES.items()},
        "province": dict(sorted(((v, str(label)) for v, label in Province.choices), key=_label)),
        "group": {group.slug: group.name for group in ParticipantGroup.objects.all()},
        "type": {key: str(label) for key, (_f, _v, label) in TYPES.items()},
        "wave": {wave.code: str(wave) for wave in Wave.objects.all()},
    }


def _label(pair: tuple[str, str]) -> str:
    return pair[1]


def parse(query: QueryDict, known: dict[str, dict[str, str]]) -> Selection:
    """The visitor's choices: the first value of each known parameter, bounded."""
    selection = Selection()
    for key in KEYS:
        given = (query.get(key) or "").strip()[:MAX_VALUE]
        if not given:
            continue
        if key == "month":
            month = parse_month(given)
            if month is None:
                selection.bad_month = True
            else:
                selection.chosen[key] = month_value(month)
        elif given in known[key]:
            selection.chosen[key] = given
        else:
            selection.ignored = True
    return selection


def matching(chosen: dict[str, str]) -> Q:
    """The condition the choices select by."""
    condition = Q()
    if month := parse_month(chosen.get("month", "")):
        condition &= Q(date__gte=month, date__lt=next_month(month))
    if scope := chosen.get("scope"):
        inside = Q(country="IR")
        condition &= inside if scope == "inside" else ~inside
    if province := chosen.get("province"):
        condition &= Q(province=province)
    if group := chosen.get("group"):
        condition &= Q(groups__slug=group)
    if kind := chosen.get("type"):
        column, value, _unused = TYPES[kind]
        condition &= Q(**{column: value})
    if wave := chosen.get("wave"):
        condition &= Q(wave__code=wave)
    return condition


def narrow(protests: ProtestQuerySet, chosen: dict[str, str]) -> ProtestQuerySet:
    """The records the choices select (one row per record: one group at most is chosen)."""
    return protests.filter(matching(chosen))


def list_url(**chosen: str) -> str:
    """The list page's query string for these choices, as the stats page links to it."""
    return "?" + urlencode([(key, chosen[key]) for key in KEYS if key in chosen])


MAX_MONTHS_OFFERED = 120


def recent_months() -> list[tuple[str, str]]:
    """The months the month filter offers, latest first: from the first published record's
    month to the last one's (two index look-ups, not a scan), ten years at most."""
    # Two look-ups at the ends of the (state, date) index: SQLite answers MIN() and MAX()
    # from an index only when each is asked alone.
    dates = public_protests().order_by("date").values_list("date", flat=True)
    span = {"first": dates.first(), "last": dates.last()}
    if span["first"] is None:
        return []
    month, first = span["last"].replace(day=1), span["first"].replace(day=1)
    offered = []
    while month >= first and len(offered) < MAX_MONTHS_OFFERED:
        offered.append((month_value(month), month_label(month)))
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return offered

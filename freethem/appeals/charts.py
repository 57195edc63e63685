"""The appeal's charts, drawn on the server as SVG geometry, so they read without JavaScript:
signatures by country as horizontal bars, and the count hour by hour as a line over an area.

This module only works out where the shapes go; the templates draw them, and give each chart
a <title> and a table beside it as its text alternative. On right-to-left pages the charts
mirror: bars grow leftward from the country names on the right, and time runs right to left
with the count axis on the right (as in the case database's charts).
"""

import datetime
import math
from collections.abc import Callable
from dataclasses import dataclass

from freethem.core.charts import PlotArea, nice_step

# Countries by signatures -------------------------------------------------------------------

BARS_WIDTH = 400
BAR_ROW = 26  # the height of one country's row
BAR_HEIGHT = 16
LABEL_WIDTH = 132  # the country names' column
COUNT_ROOM = 56  # room after the longest bar for its count
TOP_COUNTRIES = 10


@dataclass(frozen=True)
class CountryBar:
    code: str
    name: str  # the country's name in the page's language
    count: int
    share: float  # of all the signatures counted, 0 to 1
    x: float
    y: float
    width: float
    label_x: float  # where the name ends, by the bar
    count_x: float  # where the count starts, after the bar
    text_y: float


@dataclass(frozen=True)
class BarChart:
    bars: list[CountryBar]
    rtl: bool
    total: int
    width: int = BARS_WIDTH

    @property
    def height(self) -> int:
        return len(self.bars) * BAR_ROW + 4

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"


def country_bars(
    counts: dict[str, int],
    *,
    names: dict[str, str] | None = None,
    rtl: bool = False,
    top: int = TOP_COUNTRIES,
) -> BarChart | None:
    """A bar for each of the top countries, largest first (ties by name), each as long as
    its count in proportion to the largest. None when nobody is counted yet.

    Names and counts are anchored at their "end" and "start" in the chart's direction, so
    that the same anchors put them beside the bars in either language."""
    counts = {code: n for code, n in counts.items() if n > 0}
    if not counts:
        return None
    total = sum(counts.values())
    names = names or {}
    ranked = sorted(counts.items(), key=lambda item: (-item[1], names.get(item[0], item[0])))
    ranked = ranked[:top]
    largest = ranked[0][1]
    room = BARS_WIDTH - LABEL_WIDTH - COUNT_ROOM
    bars = []
    for index, (code, n) in enumerate(ranked):
        width = round(max(n * room / largest, 1), 2)
        y = index * BAR_ROW + 2
        start = BARS_WIDTH - LABEL_WIDTH - width if rtl else LABEL_WIDTH
        bars.append(
            CountryBar(
                code=code,
                name=names.get(code, code),
                count=n,
                share=n / total,
                x=round(start, 2),
                y=y,
                width=width,
                label_x=BARS_WIDTH - LABEL_WIDTH + 8 if rtl else LABEL_WIDTH - 8,
                count_x=round(start - 6 if rtl else start + width + 6, 2),
                text_y=y + BAR_HEIGHT / 2,
            )
        )
    return BarChart(bars=bars, rtl=rtl, total=total)


# The count hour by hour --------------------------------------------------------------------

LINE_WIDTH = 480
LINE_HEIGHT = 240
# Room around the plot for the axis labels and tick values.
MARGIN_START, MARGIN_END, MARGIN_TOP, MARGIN_BOTTOM = 56, 28, 28, 44
MAX_POINTS = 400  # more snapshots than this are thinned: the line is no wider than that
MAX_X_TICKS = 5


@dataclass(frozen=True)
class Tick:
    value: int | datetime.datetime
    x: float
    y: float


@dataclass(frozen=True)
class LineChart(PlotArea):
    line: str  # the polyline's points
    area: str  # the area under it, as a path
    dots: list[tuple[float, float]]  # drawn when there are too few points for a line
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    first: datetime.datetime
    last: datetime.datetime
    latest: int
    left: float
    right: float
    top: float
    bottom: float
    axis_x: float  # where the count axis stands
    y_label_x: float  # where its tick values end
    width: int = LINE_WIDTH
    height: int = LINE_HEIGHT


def thinned(points: list[tuple[datetime.datetime, int]]) -> list[tuple[datetime.datetime, int]]:
    """At most MAX_POINTS of the points, evenly spread, the first and the last kept."""
    if len(points) <= MAX_POINTS:
        return points
    every = math.ceil(len(points) / (MAX_POINTS - 1))
    return [*points[:-1:every], points[-1]]


def history_line(
    points: list[tuple[datetime.datetime, int]], *, rtl: bool = False
) -> LineChart | None:
    """The count at each snapshot, on a continuous time axis from the first to the last. None
    without a snapshot; a dot for a single one (there is no line to draw through it)."""
    points = thinned(sorted(points))
    if not points:
        return None
    first, last = points[0][0], points[-1][0]
    left, right = (
        (MARGIN_END, LINE_WIDTH - MARGIN_START) if rtl else (MARGIN_START, LINE_WIDTH - MARGIN_END)
    )
    top, bottom = MARGIN_TOP, LINE_HEIGHT - MARGIN_BOTTOM
    span = (last - first).total_seconds()
    largest = max(count for _hour, count in points)
    step = nice_step(largest)
    ceiling = step * max(math.ceil(largest / step), 1)

    def x_of(when: datetime.datetime) -> float:
        at = (when - first).total_seconds() / span if span else 0.5
        return round(right - at * (right - left) if rtl else left + at * (right - left), 2)

    def y_of(count: int) -> float:
        return round(bottom - count * (bottom - top) / ceiling, 2)

    xy = [(x_of(hour), y_of(count)) for hour, count in points]
    line = " ".join(f"{x:g},{y:g}" for x, y in xy)
    area = f"M{xy[0][0]:g},{bottom:g} " + " ".join(f"L{x:g},{y:g}" for x, y in xy)
    area += f" L{xy[-1][0]:g},{bottom:g} Z"
    axis_x = right if rtl else left
    return LineChart(
        line=line,
        area=area,
        dots=xy if len(xy) < 3 else [],
        y_ticks=[Tick(v, 0, y_of(v)) for v in range(0, ceiling + 1, step)],
        x_ticks=_day_ticks(first, last, x_of),
        first=first,
        last=last,
        latest=points[-1][1],
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        axis_x=axis_x,
        y_label_x=axis_x + 6 if rtl else axis_x - 6,
    )


def _day_ticks(
    first: datetime.datetime, last: datetime.datetime, x_of: Callable[[datetime.datetime], float]
) -> list[Tick]:
    """A tick at the start of every day (or every few days) between first and last; the
    first hour itself when the span is shorter than a day."""
    day = datetime.timedelta(days=1)
    start = first.replace(hour=0, minute=0, second=0, microsecond=0)
    if start < first:
        start += day
    days = (last - start) // day + 1 if start <= last else 0
    if days < 1:
        return [Tick(first, x_of(first), 0)]
    every = max(1, math.ceil(days / MAX_X_TICKS))
    return [Tick(start + i * day, x_of(start + i * day), 0) for i in range(0, days, every)]

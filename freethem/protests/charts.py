"""The figures page's bar charts, drawn on the server as SVG geometry (the templates draw the
shapes): protests per month, and a horizontal bar per participant group. Time runs in the
page's reading direction: right to left on Persian pages, with the count axis on the right."""

import datetime
import math
from dataclasses import dataclass
from typing import ClassVar

from freethem.core.charts import PlotArea, nice_step
from freethem.protests.filters import month_value, next_month

WIDTH, HEIGHT = 640, 260
MARGIN_START, MARGIN_END, MARGIN_TOP, MARGIN_BOTTOM = 48, 12, 28, 48
MAX_MONTHS = 36  # the chart shows the latest three years of months at most


@dataclass(frozen=True)
class Bar:
    month: datetime.date
    count: int
    x: float
    y: float
    width: float
    height: float

    @property
    def value(self) -> str:
        """The list page's ?month= for this bar."""
        return month_value(self.month)


@dataclass(frozen=True)
class Tick:
    label: int | datetime.date
    x: float
    y: float


@dataclass(frozen=True)
class MonthChart(PlotArea):
    bars: list[Bar]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    first: datetime.date
    last: datetime.date
    left: float
    right: float
    axis_x: float  # where the count axis stands (the left or right edge)
    y_label_x: float  # where its tick labels stand
    width: int = WIDTH
    height: int = HEIGHT
    top: float = MARGIN_TOP
    bottom: float = HEIGHT - MARGIN_BOTTOM

    AXIS_LABEL_GAP: ClassVar[int] = 8

    @property
    def total(self) -> int:
        return sum(bar.count for bar in self.bars)


def _months(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months = [first]
    while months[-1] < last:
        months.append(next_month(months[-1]))
    return months


def monthly_bars(counts: dict[datetime.date, int], *, rtl: bool = False) -> MonthChart | None:
    """A bar per month from the first month with a count to the last (at most MAX_MONTHS, the
    latest), months without protests left empty so that gaps show."""
    counts = {month: n for month, n in counts.items() if n > 0}
    if not counts:
        return None
    months = _months(min(counts), max(counts))[-MAX_MONTHS:]
    left, right = (MARGIN_END, WIDTH - MARGIN_START) if rtl else (MARGIN_START, WIDTH - MARGIN_END)
    bottom = HEIGHT - MARGIN_BOTTOM
    slot = (right - left) / len(months)
    largest = max(counts.get(month, 0) for month in months)
    step = nice_step(largest)
    ceiling = step * max(1, math.ceil(largest / step))
    scale = (bottom - MARGIN_TOP) / ceiling
    gap = min(slot * 0.15, 4)
    bars, x_ticks = [], []
    every = max(1, math.ceil(len(months) / 6))  # month labels that fit under the axis
    for index, month in enumerate(months):
        x = right - (index + 1) * slot if rtl else left + index * slot
        n = counts.get(month, 0)
        if n:
            bars.append(
                Bar(month, n, round(x + gap, 2), round(bottom - n * scale, 2),
                    round(slot - 2 * gap, 2), round(n * scale, 2))
            )  # fmt: skip
        if (len(months) - 1 - index) % every == 0:
            x_ticks.append(Tick(month, round(x + slot / 2, 2), 0))
    y_ticks = [Tick(v, 0, round(bottom - v * scale, 2)) for v in range(0, ceiling + 1, step)]
    axis_x = right if rtl else left
    return MonthChart(
        bars,
        y_ticks,
        x_ticks,
        months[0],
        months[-1],
        left=left,
        right=right,
        axis_x=axis_x,
        y_label_x=axis_x + MARGIN_START / 2 if rtl else axis_x - MARGIN_START / 2,
    )

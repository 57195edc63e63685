"""Bar charts drawn on the server as SVG geometry, so they read without JavaScript.

The template draws the shapes; this module only works out where they go. Time runs along the
x axis in the page's reading direction: left to right on English pages, right to left (with the
count axis on the right) on Persian pages.
"""

import datetime
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from freethem.core.charts import PlotArea, nice_step

WIDTH = 480
HEIGHT = 260
# Room around the plot for the axis labels and tick values.
MARGIN_START, MARGIN_END, MARGIN_TOP, MARGIN_BOTTOM = 44, 12, 28, 52


@dataclass(frozen=True)
class Bar:
    month: datetime.date
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Tick:
    label: int  # a count on the y axis, a year on the x axis
    x: float
    y: float


@dataclass(frozen=True)
class Chart(PlotArea):
    bars: list[Bar]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    first: datetime.date
    last: datetime.date
    width: int = WIDTH
    height: int = HEIGHT
    # The plot area, for the axis lines.
    left: float = MARGIN_START
    right: float = WIDTH - MARGIN_END
    top: float = MARGIN_TOP
    bottom: float = HEIGHT - MARGIN_BOTTOM
    axis_x: float = MARGIN_START  # where the count axis stands (the left or right edge)
    y_label_x: float = MARGIN_START / 2  # where its tick labels stand

    @property
    def total(self) -> int:
        return sum(bar.count for bar in self.bars)

    AXIS_LABEL_GAP: ClassVar[int] = 8


def months_between(first: datetime.date, last: datetime.date) -> int:
    """How many months from first to last, both included (both are first days of months)."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


def monthly_bars(counts: dict[datetime.date, int], *, rtl: bool = False) -> Chart | None:
    """A bar per month that has a count, on a continuous month axis from the first to the
    last of them (months without arrests stay empty, so gaps in time show as gaps)."""
    counts = {month.replace(day=1): n for month, n in counts.items() if n > 0}
    if not counts:
        return None
    first, last = min(counts), max(counts)
    span = months_between(first, last)
    left, right = MARGIN_START, WIDTH - MARGIN_END
    if rtl:
        left, right = MARGIN_END, WIDTH - MARGIN_START
    top, bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM
    slot = (right - left) / span
    step = nice_step(max(counts.values()))
    ceiling = step * math.ceil(max(counts.values()) / step)
    scale = (bottom - top) / ceiling

    def x_of(month: datetime.date) -> float:
        index = months_between(first, month) - 1
        return right - (index + 1) * slot if rtl else left + index * slot

    gap = min(slot * 0.15, 2)
    bars = [
        Bar(
            month,
            n,
            round(x_of(month) + gap, 2),
            round(bottom - n * scale, 2),
            round(slot - 2 * gap, 2),
            round(n * scale, 2),
        )
        for month, n in sorted(counts.items())
    ]
    y_ticks = [
        Tick(value, 0, round(bottom - value * scale, 2)) for value in range(0, ceiling + 1, step)
    ]
    x_ticks = _year_ticks(first, last, x_of, slot, rtl)
    axis_x = right if rtl else left
    label_x = axis_x + MARGIN_START / 2 if rtl else axis_x - MARGIN_START / 2
    return Chart(
        bars,
        y_ticks,
        x_ticks,
        first,
        last,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        axis_x=axis_x,
        y_label_x=label_x,
    )


def _year_ticks(
    first: datetime.date,
    last: datetime.date,
    x_of: Callable[[datetime.date], float],
    slot: float,
    rtl: bool,
) -> list[Tick]:
    """A tick at the start of each year in the span (or of the first month, if the span starts
    mid-year), thinned so that labels do not collide."""
    years = list(range(first.year, last.year + 1))
    every = max(1, math.ceil(len(years) / 8))
    ticks = []
    for year in years[::every]:
        start = max(first, datetime.date(year, 1, 1))
        x = x_of(start)
        ticks.append(Tick(year, round(x + slot if rtl else x, 2), 0))
    return ticks

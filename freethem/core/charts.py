"""What every server-drawn chart shares: the step between the ticks of a count axis, and
where the axes' ticks and labels stand around the plot area."""

import math
from typing import ClassVar


def nice_step(largest: int) -> int:
    """A step of 1, 2 or 5 times a power of ten giving at most five ticks up to largest."""
    if largest <= 5:
        return 1
    rough = largest / 5
    power = 10 ** math.floor(math.log10(rough))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= rough)


class PlotArea:
    """Positions around a chart's plot area, for a dataclass that has left, right, bottom and
    height: the x axis's ticks and their labels, and the axis label under them."""

    left: float
    right: float
    bottom: float
    height: int
    AXIS_LABEL_GAP: ClassVar[int] = 4  # from the bottom edge to the axis label's baseline

    @property
    def middle_x(self) -> float:
        return (self.left + self.right) / 2

    @property
    def tick_end(self) -> float:
        return self.bottom + 6

    @property
    def tick_label_y(self) -> float:
        return self.bottom + 20

    @property
    def axis_label_y(self) -> float:
        return self.height - self.AXIS_LABEL_GAP

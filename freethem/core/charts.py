"""What every server-drawn chart shares: the step between the ticks of a count axis."""

import math


def nice_step(largest: int) -> int:
    """A step of 1, 2 or 5 times a power of ten giving at most five ticks up to largest."""
    if largest <= 5:
        return 1
    rough = largest / 5
    power = 10 ** math.floor(math.log10(rough))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= rough)

"""Moving ranges and XmR process limits (Making Data Count)."""

from collections.abc import Sequence
from dataclasses import dataclass

LIMIT_FACTOR = 2.66  # 3 / d2, d2 = 1.128 for moving ranges of two
SCREEN_FACTOR = 3.267  # D4 for moving ranges of two: the upper limit of the moving range chart
D2 = 1.128


def moving_ranges(values: Sequence[float]) -> list[float]:
    """|x[i] - x[i-1]| for consecutive values: one fewer than the values."""
    return [abs(values[i] - values[i - 1]) for i in range(1, len(values))]


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def mean_moving_range(values: Sequence[float], *, screen: bool = True) -> float:
    """The mean moving range; with `screen`, moving ranges at or above 3.267 times the mean are dropped
    once and the mean recomputed from those that remain."""
    ranges = moving_ranges(values)
    if not ranges:
        return 0.0
    average = mean(ranges)
    if screen:
        kept = [r for r in ranges if r < SCREEN_FACTOR * average]
        if kept:
            average = mean(kept)
    return average


@dataclass(frozen=True)
class Limits:
    mean: float
    mean_moving_range: float
    lower: float
    upper: float

    @property
    def sigma(self) -> float:
        return self.mean_moving_range / D2


def xmr_limits(values: Sequence[float], *, screen: bool = True) -> Limits:
    centre = mean(values)
    average_range = mean_moving_range(values, screen=screen)
    spread = LIMIT_FACTOR * average_range
    return Limits(mean=centre, mean_moving_range=average_range, lower=centre - spread, upper=centre + spread)

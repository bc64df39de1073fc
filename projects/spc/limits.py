"""Moving ranges and XmR process limits (Making Data Count), in exact arithmetic (see `exact`).

The functions take any numbers and return `Fraction`s, so that the rules can decide ties exactly; the
constants are the decimals the method states (2.66, 3.267, 1.128), not their binary approximations.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from .exact import Number, exact_all

LIMIT_FACTOR = Fraction("2.66")  # 3 / d2, d2 = 1.128 for moving ranges of two
SCREEN_FACTOR = Fraction("3.267")  # D4 for moving ranges of two: the upper limit of the moving range chart
D2 = Fraction("1.128")


def moving_ranges(values: Sequence[Number]) -> list[Fraction]:
    """|x[i] - x[i-1]| for consecutive values: one fewer than the values."""
    xs = exact_all(values)
    return [abs(xs[i] - xs[i - 1]) for i in range(1, len(xs))]


def mean(values: Sequence[Number]) -> Fraction:
    xs = exact_all(values)
    return sum(xs, Fraction(0)) / len(xs)


def mean_moving_range(values: Sequence[Number], *, screen: bool = True) -> Fraction:
    """The mean moving range; with `screen`, moving ranges at or above 3.267 times the mean are dropped
    once and the mean recomputed from those that remain."""
    ranges = moving_ranges(values)
    if not ranges:
        return Fraction(0)
    average = mean(ranges)
    if screen:
        kept = [r for r in ranges if r < SCREEN_FACTOR * average]
        if kept:
            average = mean(kept)
    return average


@dataclass(frozen=True)
class Limits:
    mean: Fraction
    mean_moving_range: Fraction
    lower: Fraction
    upper: Fraction

    @property
    def sigma(self) -> Fraction:
        return self.mean_moving_range / D2


def xmr_limits(values: Sequence[Number], *, screen: bool = True) -> Limits:
    centre = mean(values)
    average_range = mean_moving_range(values, screen=screen)
    spread = LIMIT_FACTOR * average_range
    return Limits(mean=centre, mean_moving_range=average_range, lower=centre - spread, upper=centre + spread)

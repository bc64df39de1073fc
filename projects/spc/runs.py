"""Runs analysis (Anhøj rules) for run charts and for the centre line of any chart.

Points exactly on the centre line are not useful: they neither break nor count towards a run, and they
do not cross. n is the number of useful points.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from statistics import median

from .exact import Number, exact, exact_all


def longest_run_max(n_useful: int) -> int:
    """A run longer than this is unusual: round(log2(n) + 3)."""
    return round(math.log2(n_useful) + 3) if n_useful > 0 else 0


def crossings_min(n_useful: int) -> int:
    """Fewer crossings than this are unusual: the 5th percentile of Binomial(n - 1, 0.5), that is the
    smallest k with P(X <= k) >= 0.05 (R's qbinom)."""
    trials = n_useful - 1
    if trials < 1:
        return 0
    total = 2**trials
    cumulative = 0
    coefficient = 1  # C(trials, k), kept exact and updated step by step
    for k in range(trials + 1):
        cumulative += coefficient
        if cumulative * 20 >= total:  # P(X <= k) >= 0.05
            return k
        coefficient = coefficient * (trials - k) // (k + 1)
    return trials


@dataclass(frozen=True)
class RunsAnalysis:
    centre: float
    n_useful: int
    longest_run: int
    longest_run_max: int
    crossings: int
    crossings_min: int
    long_run_points: tuple[int, ...]  # positions (in the input) of points in a run longer than allowed

    @property
    def shift_signal(self) -> bool:
        return self.n_useful > 0 and self.longest_run > self.longest_run_max

    @property
    def crossings_signal(self) -> bool:
        return self.n_useful > 0 and self.crossings < self.crossings_min

    @property
    def signal(self) -> bool:
        return self.shift_signal or self.crossings_signal


def runs_analysis(values: Sequence[Number | None], centre: Number) -> RunsAnalysis:
    """Runs about `centre`; missing values (None) are skipped like points on the centre line. Values and
    centre are compared exactly (a point that equals the median is on it, whatever the float rounding)."""
    mid = exact(centre)
    useful = [
        (i, 1 if exact(v) > mid else -1) for i, v in enumerate(values) if v is not None and exact(v) != mid
    ]
    n = len(useful)
    allowed = longest_run_max(n)
    longest = crossings = 0
    long_points: list[int] = []
    start = 0
    for k in range(n + 1):
        if k == n or (k > 0 and useful[k][1] != useful[k - 1][1]):
            if k > 0:
                length = k - start
                longest = max(longest, length)
                if length > allowed:
                    long_points.extend(i for i, _ in useful[start:k])
                if k < n:
                    crossings += 1
            start = k
    return RunsAnalysis(
        centre=float(mid),
        n_useful=n,
        longest_run=longest,
        longest_run_max=allowed,
        crossings=crossings,
        crossings_min=crossings_min(n),
        long_run_points=tuple(long_points),
    )


def median_of(values: Sequence[Number]) -> float:
    return float(exact_median(values))


def exact_median(values: Sequence[Number]) -> Fraction:
    """The median of the decimals entered, exactly (the mean of the middle two is not rounded)."""
    return Fraction(median(exact_all(values)))


ASTRONOMICAL_FACTOR = Fraction("3.145")  # Wheeler's limits from the median moving range: 3 / 0.954


def astronomical_flags(values: Sequence[Number], centre: Number) -> list[int]:
    """Points obviously different from the rest: further from the median than 3.145 times the median
    moving range (+1 above, -1 below, 0 otherwise). A constant stretch gives a zero spread, so nothing is
    flagged unless it is the only variation."""
    if len(values) < 2:
        return [0] * len(values)
    xs, mid = exact_all(values), exact(centre)
    spread = ASTRONOMICAL_FACTOR * Fraction(median([abs(xs[i] - xs[i - 1]) for i in range(1, len(xs))]))
    if spread == 0:
        return [0] * len(values)
    return [1 if v > mid + spread else -1 if v < mid - spread else 0 for v in xs]

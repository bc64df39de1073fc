"""The per-point special-cause rules of Making Data Count, over plain lists.

Each function takes a whole segment and returns one flag per point, so the rules can be tested one at a
time. The lengths and the conventions (strict comparisons, a point on the mean breaking a run, equal
neighbours breaking a trend) follow NHS England's NHSRplotthedots package.
"""

from collections.abc import Sequence
from fractions import Fraction
from typing import TypeVar

# The rules compare exactly when given `Fraction`s (chart.py passes them); floats work for unit tests.
Value = TypeVar("Value", float, Fraction)

RUN_LENGTH = 7  # points on one side of the mean
TREND_LENGTH = 7  # points each higher (or lower) than the one before: six increases or decreases


def sign(x: Value) -> int:
    return (x > 0) - (x < 0)


def relative_to_mean(values: Sequence[Value], mean: Value) -> list[int]:
    """+1 above the mean, -1 below it, 0 exactly on it."""
    return [sign(v - mean) for v in values]


def outside_limits(values: Sequence[Value], lower: Value, upper: Value) -> list[int]:
    """+1 above the upper limit, -1 below the lower limit (strictly), 0 inside or on a limit."""
    return [1 if v > upper else -1 if v < lower else 0 for v in values]


def close_to_limits(values: Sequence[Value], mean: Value, lower: Value, upper: Value) -> list[bool]:
    """Beyond two sigma (two thirds of the way to a limit) but not outside the limits."""
    near_upper = mean + (upper - mean) * 2 / 3
    near_lower = mean - (mean - lower) * 2 / 3
    return [(near_upper < v <= upper) or (lower <= v < near_lower) for v in values]


def run_end_flags(relative: Sequence[int], length: int = RUN_LENGTH) -> list[int]:
    """At each point that completes `length` or more consecutive points on the same side of the mean,
    that side (+1/-1); elsewhere 0. A point on the mean (0) breaks the run."""
    flags = [0] * len(relative)
    count = 0
    for i, side in enumerate(relative):
        count = count + 1 if side != 0 and i > 0 and relative[i - 1] == side else (1 if side != 0 else 0)
        if count >= length:
            flags[i] = side
    return flags


def trend_end_flags(values: Sequence[Value], length: int = TREND_LENGTH) -> list[int]:
    """At each point that completes `length` or more points each strictly higher (+1) or lower (-1)
    than the one before, that direction; elsewhere 0. Equal neighbours break a trend."""
    flags = [0] * len(values)
    count = 1
    direction = 0
    for i in range(1, len(values)):
        step = sign(values[i] - values[i - 1])
        if step != 0 and step == direction:
            count += 1
        elif step != 0:
            direction, count = step, 2
        else:
            direction, count = 0, 1
        if direction and count >= length:
            flags[i] = direction
    return flags


def spread_back(end_flags: Sequence[int], length: int) -> list[int]:
    """Mark every point of a run or trend whose completing points `end_flags` marks: the completing point
    and the `length - 1` points before it take its direction."""
    out = [0] * len(end_flags)
    for i, flag in enumerate(end_flags):
        if flag:
            for j in range(max(0, i - length + 1), i + 1):
                out[j] = flag
    return out


def two_in_three_windows(close: Sequence[bool], relative: Sequence[int]) -> list[bool]:
    """Points that belong to a window of three consecutive points, all on the same side of the mean,
    of which at least two are close to the limits."""
    out = [False] * len(close)
    for start in range(len(close) - 2):
        window = range(start, start + 3)
        sides = {relative[i] for i in window}
        if len(sides) == 1 and 0 not in sides and sum(bool(close[i]) for i in window) >= 2:
            for i in window:
                out[i] = True
    return out


def two_in_three_flags(close: Sequence[bool], relative: Sequence[int]) -> list[int]:
    """The points flagged by the two-in-three rule: only the close-to-limit points of a qualifying window,
    with their side of the mean."""
    windows = two_in_three_windows(close, relative)
    return [relative[i] if windows[i] and close[i] else 0 for i in range(len(close))]

"""Exact numbers for the chart rules.

Every comparison the rules make (a point on the mean, on a limit, on a 2-sigma line, on the median) is a
tie that floating point can break the wrong way: the mean of eight 0.1s is 0.09999999999999999 in
binary floating point, which puts every point "above the mean". The rules therefore work on
`fractions.Fraction`s made from the decimal a person entered (a float is read back through its shortest
decimal `repr`, which is the value the portal stored and shows), and only the figures handed to charts
and the API are turned back into floats.
"""

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

Number = int | float | Decimal | Fraction


def exact(value: Number) -> Fraction:
    """The decimal a value stands for, exactly: 0.1 is 1/10, not the binary float nearest to it."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def exact_all(values: Iterable[Number]) -> list[Fraction]:
    return [exact(v) for v in values]


def plain(value: Fraction | None) -> float | None:
    """A float for charts and JSON (rounded once, at the end)."""
    return None if value is None else float(value)

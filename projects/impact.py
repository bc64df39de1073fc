"""Rolling up what projects achieved, without adding unlike things. Pure: plain rows in, totals out.

A benefit counts in a total only with others of the same type, the same unit (compared without case or
surrounding spaces: "Hours" and "hours" are one unit, "£" and "hours" never are) and the same basis:
recurring benefits are put on a yearly basis (a month's value times twelve), one-off benefits stay apart.
Money is also kept apart by kind: cash-releasing, non-cash-releasing and cost avoidance are different
claims and a board must see them separately.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

YEARLY = "a year"
ONCE = "once"
MONTHS_IN_A_YEAR = Decimal(12)


@dataclass(frozen=True)
class BenefitRow:
    project_id: int
    type: str  # a Benefit.Type value
    value: Decimal
    unit: str
    period: str  # "month", "year" or "once"
    confidence: str  # "high", "medium" or "low"
    money_kind: str = ""
    group: str = ""  # what the roll-up is by: an organisation, a programme, or "" for the whole portfolio


@dataclass
class Total:
    group: str
    type: str
    unit: str
    basis: str  # YEARLY or ONCE
    money_kind: str
    value: Decimal = Decimal(0)
    projects: set[int] = field(default_factory=set)
    high_confidence: Decimal = Decimal(0)  # the part of the value the teams measured with high confidence

    @property
    def project_count(self) -> int:
        return len(self.projects)


def yearly_value(row: BenefitRow) -> tuple[Decimal, str]:
    if row.period == "once":
        return row.value, ONCE
    return (row.value * MONTHS_IN_A_YEAR if row.period == "month" else row.value), YEARLY


def unit_key(unit: str) -> str:
    return " ".join(unit.split()).lower()


def roll_up(rows: Iterable[BenefitRow]) -> list[Total]:
    """Totals per group, type, unit, basis and kind of money, in a stable order (group, type, unit)."""
    totals: dict[tuple[str, str, str, str, str], Total] = {}
    for row in rows:
        value, basis = yearly_value(row)
        key = (row.group, row.type, unit_key(row.unit), basis, row.money_kind)
        total = totals.get(key)
        if total is None:
            total = totals[key] = Total(
                row.group, row.type, " ".join(row.unit.split()), basis, row.money_kind
            )
        total.value += value
        total.projects.add(row.project_id)
        if row.confidence == "high":
            total.high_confidence += value
    return sorted(totals.values(), key=lambda t: (t.group, t.type, unit_key(t.unit), t.basis, t.money_kind))


PERIOD_WORDS = {"month": "a month", "year": "a year", "once": "once"}


def say(value: Decimal, unit: str, how_often: str) -> str:
    """ "£12,000 a year", "340 hours a month", "25 falls once"."""
    number = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    said = f"£{number}" if unit == "£" else f"{number} {unit}"
    return f"{said} {how_often}"


def amount(total: Total) -> str:
    return say(total.value, total.unit, total.basis)

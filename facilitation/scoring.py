"""Prioritisation score arithmetic and the hidden-scores rule. Pure: no Django imports.

A scorer gives each criterion of the framework version they score under a value from 0 to 3. Their sheet's
score is the weighted mean of those values by the version's weights; the request's priority score is the
mean of its scorers' sheet scores, so each scorer counts once, whatever version they scored under.
Ties in the queue are broken by age: the older request first. Unscored requests come after scored ones.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

MIN_SCORE = 0
MAX_SCORE = 3


class ScoringError(ValueError):
    pass


@dataclass(frozen=True)
class CriterionValue:
    weight: Decimal | int | float
    value: int


def check_value(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_SCORE <= value <= MAX_SCORE:
        raise ScoringError(f"A score must be a whole number from {MIN_SCORE} to {MAX_SCORE}.")
    return value


def check_weight(weight: Decimal | int | float) -> Fraction:
    fraction = Fraction(str(weight)) if isinstance(weight, float) else Fraction(weight)
    if fraction <= 0:
        raise ScoringError("A criterion's weight must be more than zero.")
    return fraction


def sheet_score(values: Sequence[CriterionValue]) -> Fraction:
    """One scorer's weighted mean: Σ weight * value / Σ weight."""
    if not values:
        raise ScoringError("A score sheet needs at least one criterion.")
    total = Fraction(0)
    weights = Fraction(0)
    for item in values:
        weight = check_weight(item.weight)
        total += weight * check_value(item.value)
        weights += weight
    return total / weights


def priority_score(sheets: Iterable[Sequence[CriterionValue]]) -> Decimal | None:
    """The mean of the scorers' weighted means, to two places; None when nobody has scored."""
    scores = [sheet_score(sheet) for sheet in sheets]
    if not scores:
        return None
    mean = sum(scores, Fraction(0)) / len(scores)
    return (Decimal(mean.numerator) / Decimal(mean.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def queue_key(
    score: Decimal | None, submitted_at: datetime.datetime
) -> tuple[int, Decimal, datetime.datetime]:
    """Sort key for the queue: scored before unscored, higher score first, then older first."""
    return (0 if score is not None else 1, -(score or Decimal(0)), submitted_at)


def may_see_others_scores(*, is_admin: bool, has_scored: bool) -> bool:
    """Steering group members see the others' scores only once they have scored (against anchoring)."""
    return is_admin or has_scored

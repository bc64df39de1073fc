"""Making Data Count variation and assurance icons."""

from collections.abc import Sequence
from fractions import Fraction

INCREASE = "increase"
DECREASE = "decrease"
NEITHER = "neither"
DIRECTIONS = (INCREASE, DECREASE, NEITHER)

COMMON_CAUSE = "common_cause"
IMPROVEMENT = "special_cause_improvement"
CONCERN = "special_cause_concern"
NEUTRAL = "special_cause_neutral"
POINT_TYPES = (COMMON_CAUSE, IMPROVEMENT, CONCERN, NEUTRAL)

CONSISTENTLY_PASSING = "consistently_passing"
CONSISTENTLY_FAILING = "consistently_failing"
HIT_AND_MISS = "hit_and_miss"
ASSURANCES = (CONSISTENTLY_PASSING, CONSISTENTLY_FAILING, HIT_AND_MISS)

VARIATIONS = (
    "common_cause",
    "improvement_high",
    "improvement_low",
    "concern_high",
    "concern_low",
    "neutral_high",
    "neutral_low",
)

VARIATION_LABELS = {
    "common_cause": "Common cause variation: no significant change",
    "improvement_high": "Special cause variation: improvement, higher values",
    "improvement_low": "Special cause variation: improvement, lower values",
    "concern_high": "Special cause variation: concern, higher values",
    "concern_low": "Special cause variation: concern, lower values",
    "neutral_high": "Special cause variation: higher values, neither better nor worse",
    "neutral_low": "Special cause variation: lower values, neither better nor worse",
}

ASSURANCE_LABELS = {
    CONSISTENTLY_PASSING: "The process will consistently meet the target",
    CONSISTENTLY_FAILING: "The process will consistently fail the target",
    HIT_AND_MISS: "The process will hit and miss the target (common cause variation)",
}

POINT_TYPE_LABELS = {
    COMMON_CAUSE: "Common cause",
    IMPROVEMENT: "Special cause: improvement",
    CONCERN: "Special cause: concern",
    NEUTRAL: "Special cause: neither better nor worse",
}


def point_type(side: int, improvement: str) -> str:
    """The type of a special-cause point whose signal points up (+1) or down (-1)."""
    if side == 0:
        return COMMON_CAUSE
    if improvement == NEITHER:
        return NEUTRAL
    good = 1 if improvement == INCREASE else -1
    return IMPROVEMENT if side == good else CONCERN


def variation_icon(kind: str | None, side: int) -> str | None:
    """The icon for the latest point: its type and the side its signal points to."""
    if kind is None:
        return None
    if kind == COMMON_CAUSE:
        return "common_cause"
    prefix = {IMPROVEMENT: "improvement", CONCERN: "concern", NEUTRAL: "neutral"}[kind]
    return f"{prefix}_{'high' if side > 0 else 'low'}"


def assurance_icon(
    improvement: str,
    target: float | Fraction | None,
    lower: float | Fraction | None,
    upper: float | Fraction | None,
) -> str | None:
    """Whether the process, as its latest limits describe it, will meet the target. None without a target,
    without limits, or when neither direction is better."""
    if target is None or lower is None or upper is None or improvement not in (INCREASE, DECREASE):
        return None
    if improvement == INCREASE:
        passing, failing = target < lower, target > upper
    else:
        passing, failing = target > upper, target < lower
    if passing:
        return CONSISTENTLY_PASSING
    if failing:
        return CONSISTENTLY_FAILING
    return HIT_AND_MISS


def normalise_direction(value: str | None) -> str:
    """Accept the NHS packages' `neutral` and a missing direction as `neither`."""
    if value in (INCREASE, DECREASE):
        return value
    if value in (None, "", "neutral", NEITHER):
        return NEITHER
    raise ValueError(f"improvement must be one of {', '.join(DIRECTIONS)}, not {value!r}")


def latest_side(values: Sequence[float | None], mean: float) -> int:
    for v in reversed(values):
        if v is not None:
            return (v > mean) - (v < mean)
    return 0

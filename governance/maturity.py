"""The capability self-assessment's arithmetic: component scores, the maturity rating and the trend.
Pure: no Django.

Each question is scored 1 to 5. A component's score is the mean of its questions' scores; the overall
score is the mean of the component scores (each component counts equally, however many questions it
has); the rating is the band the overall score falls in (docs/adr/0008 explains the bands).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

SCALE = (1, 5)

# (lowest score in the band, rating): a score belongs to the highest band whose floor it reaches.
BANDS: tuple[tuple[float, str], ...] = (
    (1.0, "Emerging"),
    (2.0, "Developing"),
    (3.0, "Established"),
    (4.0, "Embedded"),
)

COMPONENTS: tuple[tuple[str, str], ...] = (
    ("strategic-focus", "Strategic focus"),
    ("leadership-for-improvement", "Leadership for improvement"),
    ("prioritisation-and-communication", "Prioritisation and communication"),
    ("achieving-outcomes", "Achieving outcomes"),
    ("capability-building", "Capability building"),
    ("resources", "Resources"),
)


def mean(values: Iterable[float]) -> float:
    items = list(values)
    if not items:
        raise ValueError("No scores to average")
    return round(sum(items) / len(items), 2)


def component_score(question_scores: Sequence[int]) -> float:
    low, high = SCALE
    if any(not low <= s <= high for s in question_scores):
        raise ValueError(f"Question scores must be between {low} and {high}")
    return mean(question_scores)


def rating_for(score: float) -> str:
    low, high = SCALE
    if not low <= score <= high:
        raise ValueError(f"A score must be between {low} and {high}")
    rating = BANDS[0][1]
    for floor, name in BANDS:
        if score >= floor:
            rating = name
    return rating


@dataclass(frozen=True)
class Result:
    components: dict[str, float]
    overall: float
    rating: str


def assess(scores_by_component: Mapping[str, Sequence[int]]) -> Result:
    """Component scores, overall score and rating from each component's question scores."""
    if not scores_by_component or any(not s for s in scores_by_component.values()):
        raise ValueError("Every component needs at least one scored question")
    components = {name: component_score(scores) for name, scores in scores_by_component.items()}
    overall = mean(components.values())
    return Result(components=components, overall=overall, rating=rating_for(overall))


def trend(earlier: Mapping[str, float], later: Mapping[str, float]) -> dict[str, float | None]:
    """Change in each component's score between two assessments (None where either lacks it)."""
    return {
        name: round(later[name] - earlier[name], 2) if name in earlier and name in later else None
        for name in later
    }

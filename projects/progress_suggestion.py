"""A suggested IHI progress score from the evidence the portal holds, with the reasons, and when a project
has gone quiet. Pure: no Django, no database.

The IHI scale is cumulative: a project earns a level only when it also holds the evidence of every level
below it. The rules, lowest first:

- 0.5 Intent to participate: the project is registered.
- 1.0 Charter and team established: an aim is written and a team of at least two people is named.
- 1.5 Planning has begun: the problem is stated and a measure or a change idea is recorded.
- 2.0 Activity, but no changes: a PDSA cycle has started.
- 2.5 Changes tested, but no improvement: a PDSA cycle has been studied (its study or act recorded).
- 3.0 Modest improvement: a measure shows special cause improvement at its latest point.
- 3.5 Improvement: as 3.0, and a tested change has been adopted.
- 4.0 Significant improvement: as 3.5, and a measure consistently meets its target.
- 4.5 Sustainable improvement: as 4.0, and the project is spreading or sustaining its changes.

5.0 (outstanding sustainable results) is never suggested: it is the team's judgement that every goal
has been met and held, which the portal's data cannot show. The lead accepts or changes the suggestion.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

STALE_AFTER_DAYS = 90  # the default: a project with no update, data or PDSA cycle for this long is quiet


@dataclass(frozen=True)
class Evidence:
    has_aim: bool = False
    team_size: int = 1
    has_problem: bool = False
    measures: int = 0
    has_change_ideas: bool = False
    cycles_started: int = 0
    cycles_studied: int = 0
    cycles_adopted: int = 0
    improving_measures: int = 0
    measures_meeting_target: int = 0
    spreading: bool = False  # status is spreading or sustaining


@dataclass(frozen=True)
class Level:
    score: Decimal
    label: str
    met: Callable[[Evidence], bool]
    because: Callable[[Evidence], str]  # the evidence, in words, when met
    needs: str  # what would reach it, when not


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


LEVELS: tuple[Level, ...] = (
    Level(
        Decimal("0.5"), "Intent to participate", lambda e: True, lambda e: "The project is registered.", ""
    ),
    Level(
        Decimal("1.0"),
        "Charter and team established",
        lambda e: e.has_aim and e.team_size >= 2,
        lambda e: f"An aim is written and the team has {e.team_size} people.",
        "an aim and a team of at least two people",
    ),
    Level(
        Decimal("1.5"),
        "Planning for the project has begun",
        lambda e: e.has_problem and (e.measures > 0 or e.has_change_ideas),
        lambda e: (
            "The problem is stated and "
            + (f"{_n(e.measures, 'measure')} recorded." if e.measures else "change ideas are recorded.")
        ),
        "a problem statement and a measure or change idea",
    ),
    Level(
        Decimal("2.0"),
        "Activity, but no changes",
        lambda e: e.cycles_started > 0,
        lambda e: f"{_n(e.cycles_started, 'PDSA cycle')} started.",
        "a PDSA cycle started",
    ),
    Level(
        Decimal("2.5"),
        "Changes tested, but no improvement",
        lambda e: e.cycles_studied > 0,
        lambda e: f"{_n(e.cycles_studied, 'PDSA cycle')} studied.",
        "a PDSA cycle studied (what happened compared with the prediction)",
    ),
    Level(
        Decimal("3.0"),
        "Modest improvement",
        lambda e: e.improving_measures > 0,
        lambda e: f"{_n(e.improving_measures, 'measure')} showing special cause improvement.",
        "a measure showing special cause improvement",
    ),
    Level(
        Decimal("3.5"),
        "Improvement",
        lambda e: e.cycles_adopted > 0,
        lambda e: f"{_n(e.cycles_adopted, 'tested change')} adopted.",
        "a tested change adopted",
    ),
    Level(
        Decimal("4.0"),
        "Significant improvement",
        lambda e: e.measures_meeting_target > 0,
        lambda e: f"{_n(e.measures_meeting_target, 'measure')} consistently meeting the target.",
        "a measure consistently meeting its target",
    ),
    Level(
        Decimal("4.5"),
        "Sustainable improvement",
        lambda e: e.spreading,
        lambda e: "The project is spreading or sustaining its changes.",
        "the project spreading or sustaining its changes",
    ),
)


@dataclass(frozen=True)
class Suggestion:
    score: Decimal
    label: str
    reasons: list[str]
    next_step: str  # what would earn the next level, or "" at the highest level suggested

    @property
    def text(self) -> str:
        return f"{self.score} {self.label}"


def suggest(evidence: Evidence) -> Suggestion:
    """The highest level whose evidence, and every lower level's, the project holds."""
    reached = LEVELS[0]
    reasons = [reached.because(evidence)]
    for level in LEVELS[1:]:
        if not level.met(evidence):
            return Suggestion(
                reached.score, reached.label, reasons, f"To reach {level.score}: {level.needs}."
            )
        reached = level
        reasons.append(level.because(evidence))
    return Suggestion(reached.score, reached.label, reasons, "")


def is_quiet(last_activity: datetime.date, today: datetime.date, after_days: int = STALE_AFTER_DAYS) -> bool:
    """No update, data or PDSA cycle for `after_days` days or more."""
    return (today - last_activity).days >= after_days

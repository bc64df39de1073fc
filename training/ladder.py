"""The one ladder of QI training levels every faculty's programmes sit on, and how people are matched.

Pure rules: no Django imports, so the figures module, the importer and the tests share them as they are.
"""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    AWARENESS = "awareness"
    FOUNDATION = "foundation"
    PRACTITIONER = "practitioner"
    ADVANCED = "advanced"
    LEADERSHIP = "leadership"

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]

    @property
    def rank(self) -> int:
        return LEVEL_RANKS[self]


LEVEL_LABELS = {
    Level.AWARENESS: "Awareness",
    Level.FOUNDATION: "Foundation",
    Level.PRACTITIONER: "Practitioner",
    Level.ADVANCED: "Advanced / expert",
    Level.LEADERSHIP: "Leadership and coaching",
}
# Higher is further up the ladder: a person counts once, at the highest level they have completed.
LEVEL_RANKS = {level: rank for rank, level in enumerate(Level, start=1)}
LEVEL_BY_RANK = {rank: level for level, rank in LEVEL_RANKS.items()}


class Status(StrEnum):
    BOOKED = "booked"
    ATTENDED = "attended"
    COMPLETED = "completed"
    GRADUATED = "graduated"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return self.value.capitalize()


# A record in one of these states means the person has finished the programme.
FINISHED = frozenset({Status.COMPLETED, Status.GRADUATED})
# A record in one of these states takes a place on its cohort.
TAKES_A_PLACE = frozenset({Status.BOOKED, Status.ATTENDED, Status.COMPLETED, Status.GRADUATED})


def normalise_email(value: str) -> str:
    """The key that matches one person across faculties' records: trimmed and lower-cased."""
    return value.strip().lower()


def places_left(capacity: int, taken: int) -> int:
    return max(0, capacity - taken)

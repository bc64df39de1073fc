"""Signposting: which programmes fit a member of staff, from three answers. Pure rules, no Django."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from training.ladder import LEVEL_BY_RANK, LEVEL_RANKS, Level

ROLES = [
    ("frontline", "I work directly with patients, service users or the public"),
    ("manager", "I lead a team, ward, practice or service"),
    ("senior", "I am a senior leader, director or board member"),
    ("support", "I work in a support, administrative or corporate role"),
    ("improvement", "I work in an improvement, transformation or quality role"),
]
KNOWLEDGE = [
    ("new", "I am new to quality improvement"),
    ("basics", "I know the basics, or have done a short course"),
    ("led", "I have led an improvement project"),
    ("expert", "I teach or coach others in improvement"),
]
TIME = [
    ("hours", "An hour or two"),
    ("days", "A day or two"),
    ("months", "Several days spread over a few months"),
]

LEVELS_FOR_KNOWLEDGE = {
    "new": (Level.AWARENESS, Level.FOUNDATION),
    "basics": (Level.FOUNDATION, Level.PRACTITIONER),
    "led": (Level.PRACTITIONER, Level.ADVANCED),
    "expert": (Level.ADVANCED, Level.LEADERSHIP),
}
MAX_HOURS = {"hours": 3, "days": 16, "months": None}


@dataclass(frozen=True)
class Option:
    """What the rules need to know about a programme."""

    id: int
    level: str
    hours: int  # 0: not known
    provider_organisation: int | None  # None: open to every partner
    strand: str = "improvement"


@dataclass(frozen=True)
class Advice:
    levels: tuple[Level, ...]
    max_hours: int | None
    programme_ids: list[int]
    relaxed_time: bool  # nothing fitted the time available, so longer programmes are shown
    held: Level | None = None  # the highest level the person has finished
    moved_up: bool = False  # levels they hold were left out, and the next level up suggested instead

    @property
    def why(self) -> str:
        """Why these levels, in a sentence, when their record changed the answer."""
        if not self.moved_up or self.held is None:
            return ""
        names = " and ".join(level.label for level in self.levels)
        return (
            f"You have already finished {self.held.label} training, so these are at the next level up: "
            f"{names}."
        )


def levels_for(role: str, knowledge: str) -> tuple[Level, ...]:
    levels = list(LEVELS_FOR_KNOWLEDGE[knowledge])
    if role == "senior" and Level.LEADERSHIP not in levels:
        levels.append(Level.LEADERSHIP)
    if role == "improvement" and knowledge in ("new", "basics") and Level.PRACTITIONER not in levels:
        levels.append(Level.PRACTITIONER)
    return tuple(sorted(levels, key=lambda level: LEVEL_RANKS[level]))


def above(levels: tuple[Level, ...], held: Level | None) -> tuple[tuple[Level, ...], bool]:
    """The levels left once those at or below the one the person holds are dropped; when none are left,
    the level above it (nothing, above the top of the ladder). Also whether anything was dropped."""
    if held is None:
        return levels, False
    kept = tuple(level for level in levels if level.rank > held.rank)
    if kept == levels:
        return levels, False
    if not kept and held.rank + 1 in LEVEL_BY_RANK:
        kept = (LEVEL_BY_RANK[held.rank + 1],)
    return kept, True


def advise(
    role: str,
    knowledge: str,
    time: str,
    options: Iterable[Option],
    organisation: int | None,
    held: Level | None = None,
) -> Advice:
    """Programmes at the levels that fit (above any level the person has already finished), that take no
    longer than the time available, that the person's organisation can use (its own faculty's or a
    system-wide one); lowest level and shortest first."""
    levels, moved_up = above(levels_for(role, knowledge), held)
    max_hours = MAX_HOURS[time]
    usable = [
        o
        for o in options
        if o.level in levels and (o.provider_organisation is None or o.provider_organisation == organisation)
    ]
    fitting = [o for o in usable if max_hours is None or o.hours <= max_hours]
    relaxed = not fitting and bool(usable)
    chosen = fitting or usable
    return Advice(levels, max_hours, _ordered(chosen), relaxed, held, moved_up)


def _ordered(options: Sequence[Option]) -> list[int]:
    return [
        o.id
        for o in sorted(
            options, key=lambda o: (LEVEL_RANKS[Level(o.level)], o.strand != "improvement", o.hours)
        )
    ]

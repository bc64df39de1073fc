"""Signposting: which programmes fit a member of staff, from three answers. Pure rules, no Django."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from training.ladder import LEVEL_RANKS, Level

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


def levels_for(role: str, knowledge: str) -> tuple[Level, ...]:
    levels = list(LEVELS_FOR_KNOWLEDGE[knowledge])
    if role == "senior" and Level.LEADERSHIP not in levels:
        levels.append(Level.LEADERSHIP)
    if role == "improvement" and knowledge in ("new", "basics") and Level.PRACTITIONER not in levels:
        levels.append(Level.PRACTITIONER)
    return tuple(sorted(levels, key=lambda level: LEVEL_RANKS[level]))


def advise(
    role: str, knowledge: str, time: str, options: Iterable[Option], organisation: int | None
) -> Advice:
    """Programmes at the levels that fit, that take no longer than the time available, that the person's
    organisation can use (its own faculty's or a system-wide one); lowest level and shortest first."""
    levels = levels_for(role, knowledge)
    max_hours = MAX_HOURS[time]
    usable = [
        o
        for o in options
        if o.level in levels and (o.provider_organisation is None or o.provider_organisation == organisation)
    ]
    fitting = [o for o in usable if max_hours is None or o.hours <= max_hours]
    relaxed = not fitting and bool(usable)
    chosen = fitting or usable
    return Advice(levels, max_hours, _ordered(chosen), relaxed)


def _ordered(options: Sequence[Option]) -> list[int]:
    return [
        o.id
        for o in sorted(
            options, key=lambda o: (LEVEL_RANKS[Level(o.level)], o.strand != "improvement", o.hours)
        )
    ]

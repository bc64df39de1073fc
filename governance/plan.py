"""Delivery plan rules: the LEAD, ENABLE and ENERGISE themes and their strands, and RAG arithmetic.
Pure: no Django."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

THEMES: dict[str, tuple[str, ...]] = {
    "LEAD": ("convene", "integrate"),
    "ENABLE": ("learn", "facilitate"),
    "ENERGISE": ("connect", "collaborate", "celebrate"),
}
THEME_OF = {strand: theme for theme, strands in THEMES.items() for strand in strands}
RAGS = ("red", "amber", "green", "complete")


def rag_counts(rags: Iterable[str]) -> dict[str, int]:
    counts = Counter(rags)
    return {rag: counts.get(rag, 0) for rag in RAGS}


def is_overdue(due_on: datetime.date, rag: str, today: datetime.date) -> bool:
    return rag != "complete" and due_on < today


RED_AFTER_DAYS = 30


def rag_on(rag: str, due_on: datetime.date, today: datetime.date) -> str:
    """The RAG status to show and count: the owner's, except that an action past its due date is never
    green. Up to 30 days late it is at least amber; later than that it is red."""
    if not is_overdue(due_on, rag, today):
        return rag
    late = (today - due_on).days
    if late > RED_AFTER_DAYS or rag == "red":
        return "red"
    return "amber"


def on_track_share(rags: Iterable[str]) -> float | None:
    """Share of actions that are green or complete, 0 to 1; None for an empty plan."""
    counts = rag_counts(rags)
    total = sum(counts.values())
    return (counts["green"] + counts["complete"]) / total if total else None

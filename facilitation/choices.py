"""The fixed vocabularies of a facilitation request. Pure: no Django imports (models and forms use them)."""

from __future__ import annotations

DIRECTIONS = [
    ("tight", "Tight: a strategically directed system challenge"),
    ("loose", "Loose: our team's own improvement idea"),
]

SUPPORT_WANTED = [
    ("in_depth", "In-depth collaboration"),
    ("workshop", "A facilitated workshop or event"),
    ("coaching", "Coaching"),
    ("measurement", "Measurement support"),
    ("training", "Training or signposting"),
    ("advice", "Advice"),
]

TIMESCALES = [
    ("urgent", "Within a month"),
    ("quarter", "In the next three months"),
    ("half_year", "In the next six months"),
    ("year", "Within the year"),
    ("flexible", "Flexible"),
]

SUCCESS_FACTORS = [
    ("sponsor", "A senior sponsor is named"),
    ("team_time", "The team's time is protected"),
    ("data", "Data are available"),
    ("service_users", "Service users or carers are involved"),
    ("priority", "It is aligned to a system priority"),
]

SUPPORT_LEVELS = [
    ("in_depth", "In-depth collaboration"),
    ("facilitation", "Facilitation"),
    ("coaching", "Coaching"),
    ("light_touch", "Light touch"),
]

OUTCOMES = [
    ("accept", "Accept"),
    ("signpost", "Signpost"),
    ("defer", "Defer"),
    ("decline", "Decline"),
]


def label(choices: list[tuple[str, str]], key: str) -> str:
    return dict(choices).get(key, key)


def success_factor_count(keys: list[str]) -> int:
    known = {k for k, _ in SUCCESS_FACTORS}
    return len(set(keys) & known)

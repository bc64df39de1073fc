"""Dashboard parameters (filters): organisation, place and period, in one canonical form.

Pure functions: no Django. A snapshot is stored per canonical parameter set, so "no filter" and a
filter that names the same thing twice map to the same snapshot.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

FILTERS = ("organisation", "place", "period")


def financial_year_of(day: datetime.date) -> int:
    """The starting year of the UK financial year (April to March) that contains the day."""
    return day.year if day.month >= 4 else day.year - 1


def period_choices(today: datetime.date, years: int = 4) -> list[tuple[str, str]]:
    """Periods offered as filters: the last 12 months, then financial years, newest first."""
    first = financial_year_of(today)
    choices = [("last-12-months", "Last 12 months")]
    for start in range(first, first - years, -1):
        choices.append((f"fy{start}", f"{start}/{str(start + 1)[-2:]}"))
    return choices


def period_bounds(period: str, today: datetime.date) -> tuple[datetime.date, datetime.date] | None:
    """Inclusive start and exclusive end of a period, or None for an unknown or empty period."""
    if period == "last-12-months":
        try:
            start = today.replace(year=today.year - 1) + datetime.timedelta(days=1)
        except ValueError:  # 29 February
            start = today.replace(year=today.year - 1, day=28) + datetime.timedelta(days=1)
        return start, today + datetime.timedelta(days=1)
    if period.startswith("fy") and period[2:].isdigit() and len(period) == 6:
        year = int(period[2:])
        return datetime.date(year, 4, 1), datetime.date(year + 1, 4, 1)
    return None


def clean(raw: Mapping[str, Any], allowed: tuple[str, ...] = FILTERS) -> dict[str, Any]:
    """Keep only known, non-empty filters: organisation and place as positive integer ids, period as a
    known period label. Anything else is dropped rather than failing."""
    result: dict[str, Any] = {}
    for name in allowed:
        value = raw.get(name)
        if value in (None, "", []):
            continue
        if name in ("organisation", "place"):
            try:
                number = int(str(value))
            except ValueError:
                continue
            if number > 0:
                result[name] = number
        elif name == "period":
            text = str(value)
            if period_bounds(text, datetime.date(2000, 6, 1)) is not None:
                result[name] = text
    return result


def key_of(params: Mapping[str, Any]) -> str:
    """Canonical text for a cleaned parameter set: "" for none, else "name=value&..." sorted by name."""
    return "&".join(f"{name}={params[name]}" for name in sorted(params))

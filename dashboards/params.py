"""Dashboard parameters (filters): organisation, place and period, in one canonical form.

Pure functions: no Django (the periods themselves are core.periods'). A snapshot is stored per canonical
parameter set, so "no filter" and a filter that names the same thing twice map to the same snapshot.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from core.periods import dashboard_period

FILTERS = ("organisation", "place", "period")


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
            if dashboard_period(text, datetime.date(2000, 6, 1)) is not None:
                result[name] = text
    return result


def key_of(params: Mapping[str, Any]) -> str:
    """Canonical text for a cleaned parameter set: "" for none, else "name=value&..." sorted by name."""
    return "&".join(f"{name}={params[name]}" for name in sorted(params))

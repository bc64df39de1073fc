"""An audit entry's changes as sentences in people's words: "Status changed from Planning to Testing
changes", "Places: added Cheltenham; removed Stroud", "Target cleared (was 14)", not "(blank) → (blank)",
Python lists or `True`. Plain functions, no Django, so the wording is tested on its own."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def shown(value: Any, choices: Mapping[Any, str] | None = None) -> str:
    """A stored value as a page shows it: choice labels, dates in words, Yes or No, lists joined."""
    if choices and not isinstance(value, list | dict) and value in choices:
        return str(choices[value])
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(shown(v, choices) for v in value)
    if isinstance(value, str) and ISO_DATE.match(value):
        return f"{datetime.date.fromisoformat(value):%-d %B %Y}"
    if isinstance(value, str) and ISO_DATETIME.match(value):
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        return f"{moment:%-d %B %Y at %H:%M}"
    return str(value)


def sentence(label: str, change: Any, choices: Mapping[Any, str] | None = None) -> str | None:
    """One change as a sentence, or None when nothing people would notice changed."""
    if not (isinstance(change, Mapping) and "from" in change and "to" in change):
        if isinstance(change, list) and len(change) == 2 and all(isinstance(c, list) for c in change):
            change = {"from": change[0], "to": change[1]}  # [before, after] lists
        else:
            return f"{label}: {shown(change, choices)}"
    before, after = change["from"], change["to"]
    if _blank(before) and _blank(after):
        return None
    if isinstance(before, list) or isinstance(after, list):
        old, new = list(before or []), list(after or [])
        added = [v for v in new if v not in old]
        removed = [v for v in old if v not in new]
        parts = []
        if added:
            parts.append(f"added {shown(added, choices)}")
        if removed:
            parts.append(f"removed {shown(removed, choices)}")
        return f"{label}: {'; '.join(parts)}" if parts else None
    if _blank(before):
        return f"{label} set to {shown(after, choices)}"
    if _blank(after):
        return f"{label} cleared (was {shown(before, choices)})"
    return f"{label} changed from {shown(before, choices)} to {shown(after, choices)}"


def sentences(
    changes: Mapping[str, Any],
    labels: Mapping[str, str] | None = None,
    choices: Mapping[str, Mapping[Any, str]] | None = None,
) -> list[str]:
    """Every change of an audit entry as a sentence, in the order recorded; `labels` and `choices` give
    the words the page uses for a field and for its stored values."""
    labels, choices = labels or {}, choices or {}
    out = []
    for name, change in changes.items():
        label = labels.get(name) or name.replace("_", " ").capitalize()
        said = sentence(label, change, choices.get(name))
        if said:
            out.append(said)
    return out

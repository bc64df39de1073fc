"""Chart tables drawn once per snapshot build and kept in memory.

The NHS.UK table component costs a few milliseconds per cell; a dashboard page has a hundred or more
cells that only change when a snapshot is rebuilt. So each chart's table is rendered through the same
component once per (snapshot, built at, chart) and reused until the snapshot is rebuilt.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import get_template
from markupsafe import Markup

from core.held import Recent

_tables: Recent[Markup] = Recent(512)


def _draw(chart: dict[str, Any]) -> Markup:
    return Markup(get_template("governance/_chart_table.jinja").render({"chart": chart}))


def chart_table(snapshot: Any, chart: dict[str, Any]) -> Markup:
    built = snapshot.built_at.isoformat() if snapshot is not None and snapshot.built_at else None
    if built is None:  # nothing built to key on: drawn each time
        return _draw(chart)
    return _tables.get_or_make((snapshot.pk, built, chart["id"]), lambda: _draw(chart))


def clear() -> None:
    _tables.clear()

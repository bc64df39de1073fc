"""Chart tables drawn once per snapshot build and kept in memory.

The NHS.UK table component costs a few milliseconds per cell; a dashboard page has a hundred or more
cells that only change when a snapshot is rebuilt. So each chart's table is rendered through the same
component once per (snapshot, built at, chart) and reused until the snapshot is rebuilt.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from django.template.loader import get_template
from markupsafe import Markup

CACHE_SIZE = 512
_cache: OrderedDict[tuple[Any, ...], Markup] = OrderedDict()
_lock = threading.Lock()


def chart_table(snapshot: Any, chart: dict[str, Any]) -> Markup:
    built = snapshot.built_at.isoformat() if snapshot is not None and snapshot.built_at else None
    key = (getattr(snapshot, "pk", None), built, chart["id"])
    with _lock:
        if built is not None and key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    html = Markup(get_template("governance/_chart_table.jinja").render({"chart": chart}))
    if built is not None:
        with _lock:
            _cache[key] = html
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    return html


def clear() -> None:
    with _lock:
        _cache.clear()

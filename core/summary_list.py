"""The NHS.UK summary list component written directly, for the parameters the portal's summary lists use.

The component's macro draws each row through a row macro that works out eight sets of classes and three
attribute macros: a project's or a measure's page of twelve rows spent a tenth of its time there.
`summary_list` writes the same elements, classes and text for rows of a key and a value, each given as
text or HTML (tests/core/test_summary_list.py compares the two over every combination), and hands any
other parameter (actions, borders, cards, classes, ids, attributes) to the macro.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import Markup, escape

PART_KEYS = frozenset({"text", "html"})
ROW_KEYS = frozenset({"key", "value"})


def _plain_part(part: Any) -> bool:
    return isinstance(part, Mapping) and part.keys() <= PART_KEYS


def _plain(params: Any) -> bool:
    return (
        isinstance(params, Mapping)
        and params.keys() <= {"rows"}
        and isinstance(params.get("rows") or [], list | tuple)
        and all(
            row.keys() <= ROW_KEYS and _plain_part(row.get("key", {})) and _plain_part(row.get("value", {}))
            for row in params.get("rows") or ()
            if isinstance(row, Mapping)  # the macro leaves out rows that are not mappings
        )
    )


def _content(part: Mapping[str, Any]) -> Markup:
    """What the macro writes inside a key or a value: its HTML if any, else its text, trimmed."""
    html, text = part.get("html"), part.get("text")
    if html:
        return Markup(str(html).strip())
    return escape(text).strip() if text else Markup("")


def summary_list(params: Mapping[str, Any], macro: Callable[[Mapping[str, Any]], str]) -> Markup:
    """The summary list `macro` (the NHS.UK one) would write for `params`; the macro's own when the
    parameters are not plain."""
    if not _plain(params):
        return Markup(macro(params))
    rows = [row for row in params.get("rows") or () if isinstance(row, Mapping)]
    parts = ['<dl class="nhsuk-summary-list">']
    for row in rows:
        parts.append(
            '<div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">'
            f"{_content(row.get('key', {}))}</dt>"
            f'<dd class="nhsuk-summary-list__value">{_content(row.get("value", {}))}</dd></div>'
        )
    parts.append("</dl>")
    return Markup("".join(parts))

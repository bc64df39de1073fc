"""The NHS.UK table component written directly, for the parameters the portal's tables use.

The component's Jinja macro builds every cell through two nested macros and four attribute macros: a page
with three tables of 400 cells (the champion dosage report) spent three quarters of its time there. `table`
writes the same elements, classes and attributes (tests/core/test_tables.py compares the two over every
combination of the parameters below) and hands any other parameter (ids, sorting, links in cells, cards,
scrolling, hidden text) to the macro itself, so a table never loses a feature by coming here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import Markup, escape

TABLE_KEYS = frozenset(
    {"caption", "captionSize", "captionClasses", "head", "rows", "responsive", "firstCellIsHeader"}
)
CELL_KEYS = frozenset({"text", "html", "format"})
CAPTION_SIZES = ("s", "m", "l", "xl")
FORMATS = ("", "numeric")


def written_directly(params: Mapping[str, Any]) -> bool:
    """Whether `table` writes these parameters itself rather than through the macro."""
    return (
        isinstance(params, Mapping)
        and params.keys() <= TABLE_KEYS
        and (params.get("caption") is None or isinstance(params["caption"], str))
        and all(_plain_cell(cell) for cell in params.get("head") or ())
        and all(isinstance(row, list | tuple) for row in params.get("rows") or ())
        and all(_plain_cell(cell) for row in params.get("rows") or () for cell in row)
    )


def _plain_cell(cell: Any) -> bool:
    return isinstance(cell, Mapping) and cell.keys() <= CELL_KEYS and cell.get("format", "") in FORMATS


def table(params: Mapping[str, Any], macro: Callable[[Mapping[str, Any]], str]) -> Markup:
    """The table `macro` (the NHS.UK one) would write for `params`; the macro's own when it is not plain."""
    if not written_directly(params):
        return Markup(macro(params))
    responsive = bool(params.get("responsive"))
    head = list(params.get("head") or ())
    group_role = ' role="rowgroup"' if responsive else ""
    row_start = '<tr class="nhsuk-table__row" role="row">' if responsive else '<tr class="nhsuk-table__row">'
    parts = [
        '<table class="nhsuk-table',
        " nhsuk-table--responsive" if responsive else "",
        '"',
        ' role="table"' if responsive else "",
        ">",
        _caption(params),
    ]
    if head:
        parts.append(f'<thead class="nhsuk-table__head"{group_role}>')
        parts.append(row_start)
        role = "columnheader" if responsive else None
        parts.extend(_cell("th", cell, cell.get("format"), scope="col", role=role) for cell in head)
        parts.append("</tr></thead>")
    parts.append('<tbody class="nhsuk-table__body">')
    first_is_header = bool(params.get("firstCellIsHeader"))
    for row in params.get("rows") or ():
        parts.append(row_start)
        for index, cell in enumerate(row):
            header = head[index] if index < len(head) else {}
            as_header = first_is_header and index == 0
            parts.append(
                _cell(
                    "th" if as_header else "td",
                    cell,
                    cell.get("format", header.get("format")),
                    scope="row" if as_header else None,
                    role=("rowheader" if as_header else "cell") if responsive else None,
                    heading=header if responsive else None,
                )
            )
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return Markup("".join(parts))


def _caption(params: Mapping[str, Any]) -> str:
    text = params.get("caption")
    if not text:
        return ""
    classes = "nhsuk-table__caption"
    size, extra = params.get("captionSize"), params.get("captionClasses")
    sized_already = extra and any(f"nhsuk-table__caption--{s}" in extra for s in CAPTION_SIZES)
    if size in CAPTION_SIZES and not sized_already:
        classes += f" nhsuk-table__caption--{size}"
    if extra:
        classes += f" {extra}"
    return f'<caption class="{escape(classes)}">{escape(text)}</caption>'


def _value(cell: Mapping[str, Any]) -> Markup:
    if cell.get("html"):
        return Markup(cell["html"])
    return escape(cell["text"]) if cell.get("text") else Markup("")


def _cell(
    element: str,
    cell: Mapping[str, Any],
    format: str | None,
    *,
    scope: str | None = None,
    role: str | None = None,
    heading: Mapping[str, Any] | None = None,
) -> str:
    name = "nhsuk-table__header" if element == "th" else "nhsuk-table__cell"
    classes = f"{name} {name}--numeric" if format == "numeric" else name
    attributes = f' class="{classes}"'
    if scope:
        attributes += f' scope="{scope}"'
    if role:
        attributes += f' role="{role}"'
    value = _value(cell)
    if heading is not None:  # a responsive table repeats each column's heading in the cell for small screens
        shown = f'<span class="nhsuk-table__heading" aria-hidden="true">{_value(heading)} </span>'
        value = Markup(f"{shown}<span>{value}</span>" if cell.get("html") else f"{shown}{value}")
    return f"<{element}{attributes}>{value}</{element}>"

"""The shape a dashboard builder returns, checked before a snapshot is stored. Pure: no Django.

{
  "headline": [{"label": "Partner organisations", "value": 6},
               {"label": "Improvement coaches", "value": 41, "target": 50}],   # a target is optional
  "charts": [
    {
      "id": "organisations-by-kind",          # unique within the dashboard, used in CSV links
      "title": "Organisations by kind",
      "type": "bar",                           # bar, stacked-bar, line or pie
      "columns": ["Kind", "Organisations", "Staff headcount"],
      "rows": [["Acute trust", 1, 8400], ...],
      "series": ["Organisations"],             # columns drawn; the first column is the x axis
      "empty": "No self-assessment yet.",      # optional: said instead of a chart with nothing to draw
      "rank_by": "Gap",                        # optional: which rows a long chart shows (see `shown`)
    },
  ],
  "notes": ["Optional sentences shown under the dashboard."],
}
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

CHART_TYPES = ("bar", "stacked-bar", "line", "pie")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")


class InvalidDashboard(ValueError):
    pass


def count_chart(
    chart_id: str, title: str, category: str, counted: str, rows: list[list[Any]], chart_type: str = "bar"
) -> dict[str, Any]:
    """A chart of one count per category: `rows` are [category, count] pairs."""
    return {
        "id": chart_id,
        "title": title,
        "type": chart_type,
        "columns": [category, counted],
        "rows": rows,
        "series": [counted],
    }


EMPTY_CHART = "No figures to chart yet."


def series_indexes(chart: dict[str, Any]) -> list[int]:
    """The columns a chart draws (its `series`, else its second column)."""
    columns = chart["columns"]
    return [columns.index(name) for name in chart.get("series", columns[1:2]) if name in columns]


def has_figures(chart: dict[str, Any]) -> bool:
    """Whether a chart has anything to draw: a number other than zero in one of its series. A chart
    without one is not drawn (an empty frame reads as "zero", or as broken); its `empty` sentence, or
    EMPTY_CHART, is shown instead."""
    indexes = series_indexes(chart)
    return any(
        isinstance(row[i], int | float) and not isinstance(row[i], bool) and row[i] != 0
        for row in chart["rows"]
        for i in indexes
    )


SHOWN_ROWS = 25


def _ranking(value: Any) -> float:
    return (
        float(value)
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool)
        else float("-inf")
    )


def shown(chart: dict[str, Any], limit: int | None = None) -> dict[str, Any]:
    """The chart as pages and the board pack draw it. A chart of categories with more than `limit` rows
    (every organisation in England) shows the `limit` with the largest value in its `rank_by` column
    (else its first series), largest first, and says how many rows it has in all (`all_rows`); the
    download keeps every row. A line chart (a run of periods) is shown whole."""
    rows = chart["rows"]
    limit = SHOWN_ROWS if limit is None else limit
    if chart.get("type") == "line" or len(rows) <= limit:
        return chart
    columns = chart["columns"]
    column = columns.index(chart["rank_by"]) if chart.get("rank_by") in columns else series_indexes(chart)[0]
    kept = sorted(rows, key=lambda row: (-_ranking(row[column]), str(row[0])))[:limit]
    return {**chart, "rows": kept, "all_rows": len(rows), "ranked_by": columns[column]}


def for_page(data: dict[str, Any]) -> dict[str, Any]:
    """The dashboard's data with each chart as `shown`: what its page draws."""
    return {**data, "charts": [shown(chart) for chart in data.get("charts", [])]}


def shown_sentence(chart: dict[str, Any], where: str) -> str:
    """What a shortened chart (`shown`) leaves out, and `where` to find every row."""
    return (
        f"Showing the {len(chart['rows'])} of {chart['all_rows']:,} rows with the highest "
        f"“{chart['ranked_by']}”; {where} has every row."
    )


def json_number(value: Decimal) -> int | float:
    """A decimal as JSON shows it best: whole numbers without a fraction."""
    return int(value) if value == value.to_integral_value() else float(value)


def check(data: Any) -> dict[str, Any]:
    """Return the data if it has the dashboard shape, else raise InvalidDashboard saying what is wrong."""
    if not isinstance(data, dict):
        raise InvalidDashboard("A dashboard builder must return a dict.")
    headline = data.setdefault("headline", [])
    charts = data.setdefault("charts", [])
    data.setdefault("notes", [])
    if not isinstance(headline, list) or not all(
        isinstance(h, dict) and "label" in h and "value" in h for h in headline
    ):
        raise InvalidDashboard("`headline` must be a list of {label, value}.")
    seen: set[str] = set()
    for chart in charts:
        if not isinstance(chart, dict):
            raise InvalidDashboard("Each chart must be a dict.")
        chart_id = chart.get("id", "")
        if not isinstance(chart_id, str) or not _ID.match(chart_id) or chart_id in seen:
            raise InvalidDashboard(f"Chart id {chart_id!r} must be a unique lower-case slug.")
        seen.add(chart_id)
        if chart.get("type", "bar") not in CHART_TYPES:
            raise InvalidDashboard(f"Chart {chart_id}: type must be one of {', '.join(CHART_TYPES)}.")
        columns = chart.get("columns")
        rows = chart.get("rows")
        if not isinstance(columns, list) or len(columns) < 2:
            raise InvalidDashboard(f"Chart {chart_id}: `columns` needs at least two names.")
        if not isinstance(rows, list) or any(not isinstance(r, list) or len(r) != len(columns) for r in rows):
            raise InvalidDashboard(f"Chart {chart_id}: every row needs one value per column.")
        series = chart.setdefault("series", columns[1:2])
        if any(s not in columns[1:] for s in series):
            raise InvalidDashboard(f"Chart {chart_id}: `series` must name columns after the first.")
        if "rank_by" in chart and chart["rank_by"] not in columns[1:]:
            raise InvalidDashboard(f"Chart {chart_id}: `rank_by` must name a column after the first.")
        chart.setdefault("title", chart_id)
        chart.setdefault("type", "bar")
    try:
        json.dumps(data)
    except (TypeError, ValueError) as exc:
        raise InvalidDashboard(f"The dashboard data is not JSON: {exc}") from None
    return data

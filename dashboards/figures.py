"""Plotly figures drawn from a chart's data table, at build time, stored in the snapshot as plotly JSON.

Pages never import plotly: they print the stored JSON for the browser to draw (when plotly.js is loaded)
and always show the table.
"""

from __future__ import annotations

import json
from typing import Any

from dashboards.shape import has_figures, shown

NHS_COLOURS = ["#005eb8", "#007f3b", "#ffb81c", "#d5281b", "#330072", "#00a499", "#ae2573", "#425563"]


def figure_for(chart: dict[str, Any]) -> dict[str, Any]:
    import plotly.graph_objects as go
    import plotly.io as pio

    columns: list[str] = chart["columns"]
    rows: list[list[Any]] = chart["rows"]
    x = [row[0] for row in rows]
    kind = chart.get("type", "bar")
    fig = go.Figure()
    for i, name in enumerate(chart["series"]):
        index = columns.index(name)
        y = [row[index] for row in rows]
        colour = NHS_COLOURS[i % len(NHS_COLOURS)]
        if kind == "pie":
            fig.add_trace(go.Pie(labels=x, values=y, name=name, marker={"colors": NHS_COLOURS}))
            break
        if kind == "line":
            fig.add_trace(go.Scatter(x=x, y=y, name=name, mode="lines+markers", line={"color": colour}))
        else:
            fig.add_trace(go.Bar(x=x, y=y, name=name, marker={"color": colour}))
    fig.update_layout(
        title={"text": chart.get("title", "")},
        barmode="stack" if kind == "stacked-bar" else "group",
        margin={"l": 50, "r": 20, "t": 50, "b": 80},
        font={"family": "Frutiger W01, Arial, sans-serif"},
        xaxis={"title": {"text": columns[0]}} if kind != "pie" else {},
        showlegend=len(chart["series"]) > 1 or kind == "pie",
    )
    return json.loads(pio.to_json(fig, validate=False))  # type: ignore[no-any-return]


def add_figures(data: dict[str, Any]) -> dict[str, Any]:
    for chart in data.get("charts", []):
        if has_figures(chart):
            chart["figure"] = figure_for(shown(chart))
    return data

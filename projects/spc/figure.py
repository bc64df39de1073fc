"""A plotly figure (as the JSON plotly.js draws) from a computed chart.

Built as plain dicts rather than through plotly's Python objects: it is what the page embeds, and it is
quick for long series. Tests check it against plotly's own schema.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from . import colours, icons
from .chart import Chart, plain_period

FONT = "Frutiger W01, Arial, sans-serif"


def chart_figure(
    chart: Chart,
    *,
    title: str = "",
    unit: str = "",
    annotations: Mapping[Any, str] | None = None,
    period_title: str = "Period",
    changes: Mapping[Any, Sequence[str]] | None = None,
    rebase_labels: Mapping[Any, str] | None = None,
) -> dict[str, Any]:
    """`{"data", "layout", "config"}` for Plotly.newPlot: values joined by a line, points coloured and
    shaped by type, the centre line and limits of each segment, the target, annotations, re-baselines
    (`rebase_labels`: the change each follows), and `changes`: the PDSA cycles started in each period,
    drawn as numbered markers along the foot of the chart."""
    x = [plain_period(p.period) for p in chart.points]
    data: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": "Value",
            "x": x,
            "y": [p.value for p in chart.points],
            "line": {"color": colours.VALUE_LINE, "width": 1.5},
            "connectgaps": False,
            "hoverinfo": "skip",
            "showlegend": False,
        }
    ]
    for kind in icons.POINT_TYPES:
        chosen = [p for p in chart.points if p.type == kind and p.value is not None]
        if not chosen:
            continue
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": icons.POINT_TYPE_LABELS[kind],
                "x": [plain_period(p.period) for p in chosen],
                "y": [p.value for p in chosen],
                "marker": {
                    "color": colours.POINT_COLOURS[kind],
                    "symbol": colours.POINT_SYMBOLS[kind],
                    "size": 9 if kind == icons.COMMON_CAUSE else 11,
                    "line": {"color": "#FFFFFF", "width": 1},
                },
                "text": ["<br>".join(chart.label(r) for r in p.rules) for p in chosen],
                "hovertemplate": "%{x}: %{y}<br>%{text}<extra>" + icons.POINT_TYPE_LABELS[kind] + "</extra>",
            }
        )
    unanalysed = [p for p in chart.points if p.type is None and p.value is not None]
    if unanalysed:
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": "Not analysed yet",
                "x": [plain_period(p.period) for p in unanalysed],
                "y": [p.value for p in unanalysed],
                "marker": {
                    "color": colours.POINT_COLOURS[icons.COMMON_CAUSE],
                    "size": 8,
                    "symbol": "circle-open",
                },
            }
        )
    data.extend(_segment_lines(chart, x))
    if chart.target is not None and x:
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": f"Target ({chart.target:g})",
                "x": [x[0], x[-1]],
                "y": [chart.target, chart.target],
                "line": {"color": colours.TARGET_LINE, "dash": "dash", "width": 1.5},
                "hoverinfo": "name",
            }
        )
    layout: dict[str, Any] = {
        "title": {"text": title} if title else None,
        "font": {"family": FONT, "size": 14, "color": "#212B32"},
        "paper_bgcolor": "#FFFFFF",
        "plot_bgcolor": "#FFFFFF",
        "margin": {"l": 60, "r": 20, "t": 40 if title else 20, "b": 60},
        "xaxis": {"title": {"text": period_title}, "showgrid": False, "linecolor": "#425563"},
        "yaxis": {"title": {"text": unit}, "gridcolor": "#E8EDEE", "zeroline": False},
        "legend": {"orientation": "h", "y": -0.25},
        "hovermode": "closest",
        "shapes": [],
        "annotations": [],
    }
    if changes and any(changes.get(p.period) for p in chart.points):
        # A second, hidden axis pins the change markers to the foot of the plot whatever the values.
        layout["yaxis2"] = {"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True}
    layout = {k: v for k, v in layout.items() if v is not None}
    rebase_labels = rebase_labels or {}
    for segment in chart.segments[1:]:
        start = x[segment.start]
        follows = rebase_labels.get(chart.points[segment.start].period)
        layout["shapes"].append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": start,
                "x1": start,
                "y0": 0,
                "y1": 1,
                "line": {"color": colours.REBASE_LINE, "dash": "dot", "width": 1},
            }
        )
        layout["annotations"].append(
            {
                "x": start,
                "y": 1,
                "xref": "x",
                "yref": "paper",
                "text": f"Re-baselined after {follows}" if follows else "Re-baselined",
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "bottom",
                "font": {"size": 12},
            }
        )
    for segment in chart.segments:
        if chart.is_control and segment.trial and segment.upper_limit is not None:
            # Said on the chart itself, not only in the notes: these limits will still move.
            layout["annotations"].append(
                {
                    "x": x[segment.end],
                    "y": segment.upper_limit,
                    "xref": "x",
                    "yref": "y",
                    "text": f"Trial limits ({segment.baseline_points} points)",
                    "showarrow": False,
                    "xanchor": "right",
                    "yanchor": "bottom",
                    "font": {"size": 12},
                }
            )
    data.extend(_change_markers(chart, changes or {}))
    values_by_period = {p.period: p.value for p in chart.points}
    for period, text in (annotations or {}).items():
        if period in values_by_period and text:
            layout["annotations"].append(
                {
                    "x": plain_period(period),
                    "y": values_by_period[period],
                    "xref": "x",
                    "yref": "y",
                    "text": text,
                    "showarrow": True,
                    "arrowhead": 2,
                    "ax": 0,
                    "ay": -40,
                    "font": {"size": 12},
                }
            )
    return {"data": data, "layout": layout, "config": {"displayModeBar": False, "responsive": True}}


def _segment_lines(chart: Chart, x: list[Any]) -> list[dict[str, Any]]:
    """Each segment's centre line and limits: a straight line where they are constant, steps where they
    vary with each period's size (P and U charts)."""
    traces: list[dict[str, Any]] = []
    control = chart.is_control
    name_centre = chart.centre_name
    for segment in chart.segments:
        centre = segment.mean if control else segment.median  # a G chart's segment mean is its median line
        points = [p for p in chart.points[segment.start : segment.end + 1] if p.upper_limit is not None]
        first = segment.index == 0
        xs = [x[segment.start], x[segment.end]]
        if centre is not None:
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "name": name_centre,
                    "legendgroup": "centre",
                    "showlegend": first,
                    "x": xs,
                    "y": [centre, centre],
                    "line": {"color": colours.MEAN_LINE, "width": 1.5},
                    "hovertemplate": f"{name_centre}: %{{y:.4g}}<extra></extra>",
                }
            )
        if not (control and points):
            continue
        name = "Trial process limits" if segment.trial else "Process limits"
        for side in ("lower_limit", "upper_limit"):
            if segment.varying_limits:
                line_x = [plain_period(p.period) for p in points]
                line_y = [getattr(p, side) for p in points]
            else:
                line_x, line_y = xs, [getattr(points[-1], side)] * 2
            traces.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "name": name,
                    "legendgroup": "limits",
                    "showlegend": first and side == "lower_limit",
                    "x": line_x,
                    "y": line_y,
                    "line": {
                        "color": colours.LIMIT_LINE,
                        "dash": "dash",
                        "width": 1.5,
                        "shape": "hvh" if segment.varying_limits else "linear",
                    },
                    "hovertemplate": f"{name}: %{{y:.4g}}<extra></extra>",
                }
            )
    return traces


def _change_markers(chart: Chart, changes: Mapping[Any, Sequence[str]]) -> list[dict[str, Any]]:
    """One marker per period in which PDSA cycles started, numbered in order along the foot of the
    chart (the table lists them by number), with the cycles' names on hover."""
    marked = [p for p in chart.points if changes.get(p.period)]
    if not marked:
        return []
    numbers, number = [], 0
    for point in marked:
        first = number + 1
        number += len(changes[point.period])
        numbers.append(str(first) if first == number else f"{first}-{number}")
    return [
        {
            "type": "scatter",
            "mode": "markers+text",
            "name": "PDSA cycle started",
            "x": [plain_period(p.period) for p in marked],
            "y": [0] * len(marked),
            "yaxis": "y2",
            "text": numbers,
            "textposition": "top center",
            "marker": {"symbol": "triangle-up", "size": 12, "color": colours.CHANGE_MARKER},
            "hovertext": ["<br>".join(changes[p.period]) for p in marked],
            "hoverinfo": "x+text",
            "hovertemplate": "%{hovertext}<extra>PDSA cycle started</extra>",
            "cliponaxis": False,
        }
    ]

"""Statistical process control for the portal's measures: plain Python, no Django.

`control_chart(kind, ...)` (XmR, P, P-prime, U, U-prime, C, G, T), `xmr_chart(...)` and `run_chart(...)`
compute a chart; `Chart.to_dict()` is the API's JSON;
`svg.chart_svg(chart, ...)` draws it as an inline SVG; `table.chart_rows(chart)` gives the data table.
"""

from .chart import (
    CHART_NAMES,
    CONTROL_CHARTS,
    MIN_POINTS_RUN,
    MIN_POINTS_XMR,
    RATIO_CHARTS,
    RULE_LABELS,
    Chart,
    Point,
    Segment,
    Signal,
    control_chart,
    run_chart,
    xmr_chart,
)

__all__ = [
    "CHART_NAMES",
    "CONTROL_CHARTS",
    "MIN_POINTS_RUN",
    "MIN_POINTS_XMR",
    "RATIO_CHARTS",
    "RULE_LABELS",
    "Chart",
    "Point",
    "Segment",
    "Signal",
    "control_chart",
    "run_chart",
    "xmr_chart",
]

"""Statistical process control for the portal's measures: plain Python, no Django.

`xmr_chart(...)` and `run_chart(...)` compute a chart; `Chart.to_dict()` is the API's JSON;
`figure.chart_figure(chart, ...)` draws it with plotly; `table.chart_rows(chart)` gives the data table.
"""

from .chart import (
    MIN_POINTS_RUN,
    MIN_POINTS_XMR,
    RULE_LABELS,
    Chart,
    Point,
    Segment,
    Signal,
    run_chart,
    xmr_chart,
)

__all__ = [
    "MIN_POINTS_RUN",
    "MIN_POINTS_XMR",
    "RULE_LABELS",
    "Chart",
    "Point",
    "Segment",
    "Signal",
    "run_chart",
    "xmr_chart",
]

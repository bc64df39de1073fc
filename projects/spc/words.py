"""A chart's findings in plain sentences, for the page above the chart, its table and the API.

"A shift: 9 points in a row below the median, from March 2026 to November 2026." rather than the rule's
formula. Periods are written by a function the caller gives (a date for weekly data, a month for monthly).
"""

from collections.abc import Callable
from typing import Any

from .chart import ASTRONOMICAL, FEW_CROSSINGS, LONG_RUN, OUTSIDE_LIMITS, SHIFT, TREND, TWO_OF_THREE, Chart
from .runs import crossings_min, longest_run_max

Format = Callable[[Any], str]


def _default(period: Any) -> str:
    return f"{period:%-d %B %Y}" if hasattr(period, "strftime") else str(period)


def _stretches(positions: list[int], gap: int = 1, chart: Chart | None = None) -> list[list[int]]:
    """Positions grouped together where each is at most `gap` after the one before; given the `chart`,
    also across points a run skips (missing, or on the centre line)."""
    out: list[list[int]] = []
    for p in positions:
        if chart is not None and out and _above(chart, p) != _above(chart, out[-1][-1]):
            out.append([p])  # a run on the other side starts here
            continue
        skipped = chart is not None and out and all(_skipped(chart, i) for i in range(out[-1][-1] + 1, p))
        if out and (p - out[-1][-1] <= gap or skipped):
            out[-1].append(p)
        else:
            out.append([p])
    return out


def _skipped(chart: Chart, position: int) -> bool:
    point = chart.points[position]
    return point.value is None or point.value == point.centre


def _span(chart: Chart, stretch: list[int], fmt: Format) -> str:
    first, last = chart.points[stretch[0]].period, chart.points[stretch[-1]].period
    return f"in {fmt(first)}" if first == last else f"from {fmt(first)} to {fmt(last)}"


def _above(chart: Chart, position: int) -> bool:
    """Whether the point lies above its centre line (the side a run, a limit or a 2-sigma line is on)."""
    point = chart.points[position]
    return point.value is not None and point.centre is not None and point.value > point.centre


def _side(chart: Chart, position: int, above: str, below: str) -> str:
    return above if _above(chart, position) else below


def sentences(chart: Chart, fmt: Format = _default) -> list[str]:
    """One sentence per finding, in the order the chart's signals are listed; and one saying there is no
    signal when the rules were tested and found none."""
    return [sentence for _, sentence in _findings(chart, fmt)]


def latest_finding(chart: Chart, fmt: Format = _default) -> str | None:
    """The finding that reaches furthest towards the latest period (the first listed among equals)."""
    found = _findings(chart, fmt)
    return max(found, key=lambda pair: pair[0])[1] if found else None


def _findings(chart: Chart, fmt: Format) -> list[tuple[int, str]]:
    centre = "the median" if chart.centre_name == "Median" else "the mean"
    out: list[tuple[int, str]] = []  # (the last position a finding covers, or -1 for the chart, sentence)

    def add(position: int, sentence: str) -> None:
        out.append((position, sentence))

    for signal in chart.signals:
        if signal.rule == OUTSIDE_LIMITS:
            for stretch in _stretches(signal.positions):
                n = len(stretch)
                side = _side(chart, stretch[0], "above the upper", "below the lower")
                subject = "A point" if n == 1 else f"{n} points in a row"
                add(stretch[-1], f"{subject} {side} limit, {_span(chart, stretch, fmt)}.")
        elif signal.rule in (SHIFT, LONG_RUN):
            for stretch in _stretches(signal.positions, chart=chart):
                side = _side(chart, stretch[0], "above", "below")
                line = "the median" if signal.rule == LONG_RUN else centre
                add(
                    stretch[-1],
                    f"A shift: {len(stretch)} points in a row {side} {line}, {_span(chart, stretch, fmt)}.",
                )
        elif signal.rule == TREND:
            for stretch in _stretches(signal.positions):
                first, last = chart.points[stretch[0]].value, chart.points[stretch[-1]].value
                way = "higher" if (first or 0) < (last or 0) else "lower"
                add(
                    stretch[-1],
                    f"A trend: {len(stretch)} points each {way} than the one before, "
                    f"{_span(chart, stretch, fmt)}.",
                )
        elif signal.rule == TWO_OF_THREE:
            for stretch in _stretches(signal.positions, gap=2):
                side = _side(chart, stretch[0], "upper", "lower")
                add(
                    stretch[-1],
                    f"{len(stretch)} points close to the {side} limit (2 of 3 in a row beyond 2 sigma), "
                    f"{_span(chart, stretch, fmt)}.",
                )
        elif signal.rule == ASTRONOMICAL:
            for position in signal.positions:
                side = _side(chart, position, "above", "below")
                add(
                    position,
                    f"An unusually large value {side} the median in {fmt(chart.points[position].period)}.",
                )
        elif signal.rule == FEW_CROSSINGS and chart.crossings is not None:
            useful = chart.n_useful or 0
            add(
                -1,
                f"The line crosses the median {chart.crossings} time{'s' if chart.crossings != 1 else ''}: "
                f"fewer than {crossings_min(useful)} crossings in {useful} points is unlikely by chance, so "
                "the process has probably changed.",
            )
    tested = any(p.type is not None for p in chart.points)
    if not out and tested:
        if chart.is_control:
            add(-1, "No signal: every point is within the limits and no rule found a pattern.")
        else:
            useful = chart.n_useful or 0
            add(
                -1,
                f"No signal: the longest run ({chart.longest_run} points) and the crossings "
                f"({chart.crossings}) are what chance would give in {useful} points (a run longer than "
                f"{longest_run_max(useful)} or fewer than {crossings_min(useful)} crossings would be a "
                "signal).",
            )
    return out

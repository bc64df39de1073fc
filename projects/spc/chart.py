"""XmR (individuals) charts and run charts computed from plain values.

`xmr_chart` and `run_chart` take a series (values, with None for missing ones), the measure's improvement
direction and target, and where the baseline is re-set, and return a `Chart` whose `to_dict()` is the
API's JSON. No Django: the portal's models are turned into lists before they get here.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from . import icons, rules
from .exact import exact, exact_all, plain
from .limits import Limits, mean, xmr_limits
from .runs import astronomical_flags, exact_median, runs_analysis

# Fewer points in a segment: no limits are drawn and no rule is tested. NHSRplotthedots and qicharts2
# draw limits from any number of points and warn below 12; five is the fewest from which the moving
# ranges say anything about the spread, so a team with monthly data sees trial limits after five months
# (docs/adr/0005).
MIN_POINTS_XMR = 5
TRIAL_BELOW = 12  # limits from fewer baseline points are trial limits
MIN_POINTS_RUN = 10  # fewer useful points: the runs analysis is not attempted

OUTSIDE_LIMITS = "outside_limits"
SHIFT = "shift"
TREND = "trend"
TWO_OF_THREE = "two_of_three"
LONG_RUN = "long_run"
FEW_CROSSINGS = "few_crossings"
ASTRONOMICAL = "astronomical"

RULE_LABELS = {
    OUTSIDE_LIMITS: "A point outside the process limits",
    TREND: "A trend: 7 or more points each higher, or each lower, than the one before",
    TWO_OF_THREE: "2 of 3 consecutive points beyond 2 sigma, on the same side of the mean",
    SHIFT: "A shift: 7 or more points in a row on one side of the mean",
    LONG_RUN: "A shift: a run on one side of the median longer than round(log2(n) + 3) points",
    FEW_CROSSINGS: "Too few crossings of the median: below the 5th percentile of Binomial(n - 1, 0.5)",
    ASTRONOMICAL: "An astronomical point: further from the median than 3.145 times the median moving range",
}
XMR_PRECEDENCE = (OUTSIDE_LIMITS, TREND, TWO_OF_THREE, SHIFT)
XMR_RULE_SET = (
    "Making Data Count (NHS England): outside limits, trend of 7, 2 of 3 beyond 2 sigma, shift of 7"
)
RUN_RULE_SET = "Anhøj run chart rules: longest run, number of crossings; and astronomical points"


@dataclass
class Point:
    position: int
    period: Any
    value: float | None
    segment: int
    type: str | None = None  # None when missing or not analysed
    rules: list[str] = field(default_factory=list)
    side: int = 0  # the direction of the deciding signal


@dataclass
class Segment:
    index: int
    start: int  # position of its first point
    end: int  # position of its last point
    n: int  # values present
    baseline_points: int = 0
    mean: float | None = None
    median: float | None = None
    lower_limit: float | None = None
    upper_limit: float | None = None
    trial: bool = False
    exact_limits: Limits | None = field(default=None, repr=False)  # what the rules and icons compare


@dataclass
class Signal:
    rule: str
    segment: int
    positions: list[int]

    @property
    def label(self) -> str:
        return RULE_LABELS[self.rule]


@dataclass
class Chart:
    chart: str  # "xmr" or "run"
    improvement: str
    target: float | None
    rule_set: str
    points: list[Point]
    segments: list[Segment]
    signals: list[Signal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    variation: str | None = None
    assurance: str | None = None
    longest_run: int | None = None
    crossings: int | None = None

    @property
    def last_segment(self) -> Segment | None:
        return self.segments[-1] if self.segments else None

    def to_dict(self) -> dict[str, Any]:
        last = self.last_segment
        return {
            "chart": self.chart,
            "mean": last.mean if last else None,
            "median": last.median if last else None,
            "lower_limit": last.lower_limit if last else None,
            "upper_limit": last.upper_limit if last else None,
            "points": [
                {"period": plain_period(p.period), "value": p.value, "type": p.type, "rules": list(p.rules)}
                for p in self.points
            ],
            "variation": self.variation,
            "assurance": self.assurance,
            "signals": [
                {
                    "rule": s.rule,
                    "label": s.label,
                    "periods": [plain_period(self.points[i].period) for i in s.positions],
                }
                for s in self.signals
            ],
            "longest_run": self.longest_run,
            "crossings": self.crossings,
            "rule_set": self.rule_set,
            "segments": [
                {
                    "start": plain_period(self.points[s.start].period),
                    "end": plain_period(self.points[s.end].period),
                    "mean": s.mean,
                    "median": s.median,
                    "lower_limit": s.lower_limit,
                    "upper_limit": s.upper_limit,
                    "trial_limits": s.trial,
                }
                for s in self.segments
            ],
            "notes": list(self.notes),
        }


def plain_period(period: Any) -> Any:
    return period.isoformat() if hasattr(period, "isoformat") else period


def _prepare(
    values: Sequence[float | None], periods: Sequence[Any] | None, rebase_at: Sequence[int]
) -> tuple[list[Point], list[Segment], list[str]]:
    if periods is not None and len(periods) != len(values):
        raise ValueError("periods and values must have the same length")
    starts = sorted({0, *(i for i in rebase_at if 0 < i < len(values))}) if len(values) else []
    points: list[Point] = []
    segments: list[Segment] = []
    for k, start in enumerate(starts):
        end = (starts[k + 1] if k + 1 < len(starts) else len(values)) - 1
        present = 0
        for i in range(start, end + 1):
            v = values[i]
            value = None if v is None or v != v else float(v)  # NaN counts as missing
            present += value is not None
            points.append(Point(i, periods[i] if periods is not None else i + 1, value, k))
        segments.append(Segment(index=k, start=start, end=end, n=present))
    notes = []
    missing = sum(p.value is None for p in points)
    if missing:
        notes.append(
            f"{missing} period{'s have' if missing > 1 else ' has'} no value: "
            "left out of the calculations and the rules."
        )
    return points, segments, notes


def _segment_values(points: list[Point], segment: Segment) -> tuple[list[int], list[float]]:
    present = [p for p in points[segment.start : segment.end + 1] if p.value is not None]
    return [p.position for p in present], [p.value for p in present if p.value is not None]


def _baseline(values: list[Fraction], baseline_points: int | None) -> list[Fraction]:
    if baseline_points and baseline_points >= 2:
        return values[:baseline_points]
    return values


def xmr_chart(
    values: Sequence[float | None],
    *,
    periods: Sequence[Any] | None = None,
    improvement: str | None = icons.NEITHER,
    target: float | None = None,
    rebase_at: Sequence[int] = (),
    baseline_points: int | None = None,
    screen_moving_ranges: bool = True,
) -> Chart:
    """An XmR chart with Making Data Count's rules.

    `rebase_at`: positions where a new baseline segment starts (limits are computed per segment);
    `baseline_points`: compute each segment's limits from its first n points only (fixed limits);
    `screen_moving_ranges`: drop moving ranges at or above 3.267 times their mean before the limits.
    """
    direction = icons.normalise_direction(improvement)
    points, segments, notes = _prepare(values, periods, rebase_at)
    chart = Chart("xmr", direction, target, XMR_RULE_SET, points, segments, notes=notes)
    for segment in segments:
        _analyse_xmr_segment(chart, segment, baseline_points, screen_moving_ranges)
    _finish(chart)
    return chart


def _analyse_xmr_segment(chart: Chart, segment: Segment, baseline_points: int | None, screen: bool) -> None:
    positions, values = _segment_values(chart.points, segment)
    label = f"Segment {segment.index + 1}: " if len(chart.segments) > 1 else ""
    xs = exact_all(values)
    if len(xs) < MIN_POINTS_XMR:
        more = MIN_POINTS_XMR - len(xs)
        chart.notes.append(
            f"{label}{len(xs)} value{'s' if len(xs) != 1 else ''}: {more} more "
            f"{'is' if more == 1 else 'are'} needed before trial limits are drawn and the rules are tested "
            f"(at least {MIN_POINTS_XMR} in all)."
        )
        if xs:
            segment.mean = plain(mean(xs))
            segment.median = plain(exact_median(xs))
        return
    baseline = _baseline(xs, baseline_points)
    limits = xmr_limits(baseline, screen=screen)
    segment.baseline_points = len(baseline)
    segment.exact_limits = limits
    segment.mean, segment.median = plain(limits.mean), plain(exact_median(xs))
    segment.lower_limit, segment.upper_limit = plain(limits.lower), plain(limits.upper)
    segment.trial = len(baseline) < TRIAL_BELOW
    if segment.trial:
        more = TRIAL_BELOW - len(baseline)
        chart.notes.append(
            f"{label}trial limits: calculated from {len(baseline)} points; {more} more "
            f"{'is' if more == 1 else 'are'} needed before the limits settle (at {TRIAL_BELOW} points)."
        )
    if limits.mean_moving_range == 0:
        chart.notes.append(f"{label}every baseline value is the same, so the limits sit on the mean.")

    relative = rules.relative_to_mean(xs, limits.mean)
    flags = {
        OUTSIDE_LIMITS: rules.outside_limits(xs, limits.lower, limits.upper),
        TREND: rules.spread_back(rules.trend_end_flags(xs), rules.TREND_LENGTH),
        TWO_OF_THREE: rules.two_in_three_flags(
            rules.close_to_limits(xs, limits.mean, limits.lower, limits.upper), relative
        ),
        SHIFT: rules.spread_back(rules.run_end_flags(relative), rules.RUN_LENGTH),
    }
    for k, position in enumerate(positions):
        point = chart.points[position]
        point.rules = [name for name in XMR_PRECEDENCE if flags[name][k]]
        point.side = flags[point.rules[0]][k] if point.rules else 0
        point.type = icons.point_type(point.side, chart.improvement)
    _collect_signals(chart, segment, positions, XMR_PRECEDENCE)
    runs = runs_analysis(xs, limits.mean)
    chart.longest_run, chart.crossings = runs.longest_run, runs.crossings


def _collect_signals(chart: Chart, segment: Segment, positions: list[int], names: Sequence[str]) -> None:
    for name in names:
        flagged = [i for i in positions if name in chart.points[i].rules]
        if flagged:
            chart.signals.append(Signal(name, segment.index, flagged))


def _finish(chart: Chart) -> None:
    latest = next((p for p in reversed(chart.points) if p.value is not None), None)
    if chart.chart == "xmr" and latest is not None:
        chart.variation = icons.variation_icon(latest.type, latest.side)
        last = chart.last_segment
        if last is not None and last.exact_limits is not None:
            chart.assurance = icons.assurance_icon(
                chart.improvement,
                None if chart.target is None else exact(chart.target),
                last.exact_limits.lower,
                last.exact_limits.upper,
            )
    if not any(p.value is not None for p in chart.points):
        chart.notes.append("No values yet.")


def run_chart(
    values: Sequence[float | None],
    *,
    periods: Sequence[Any] | None = None,
    improvement: str | None = icons.NEITHER,
    target: float | None = None,
    rebase_at: Sequence[int] = (),
    baseline_points: int | None = None,
) -> Chart:
    """A run chart about the median with the Anhøj rules and astronomical points.

    `baseline_points`: take each segment's median from its first n points (a frozen median)."""
    direction = icons.normalise_direction(improvement)
    points, segments, notes = _prepare(values, periods, rebase_at)
    chart = Chart("run", direction, target, RUN_RULE_SET, points, segments, notes=notes)
    for segment in segments:
        _analyse_run_segment(chart, segment, baseline_points)
    _finish(chart)
    return chart


def _analyse_run_segment(chart: Chart, segment: Segment, baseline_points: int | None) -> None:
    positions, values = _segment_values(chart.points, segment)
    label = f"Segment {segment.index + 1}: " if len(chart.segments) > 1 else ""
    if not values:
        return
    xs = exact_all(values)
    baseline = _baseline(xs, baseline_points)
    segment.baseline_points = len(baseline)
    centre = exact_median(baseline)
    segment.median = plain(centre)
    segment.mean = plain(mean(xs))
    runs = runs_analysis(xs, centre)
    chart.longest_run, chart.crossings = runs.longest_run, runs.crossings
    if runs.n_useful < MIN_POINTS_RUN:
        more = MIN_POINTS_RUN - runs.n_useful
        chart.notes.append(
            f"{label}{runs.n_useful} useful point{'s' if runs.n_useful != 1 else ''} (off the median): "
            f"{more} more {'is' if more == 1 else 'are'} needed before the run chart rules are tested "
            f"(at least {MIN_POINTS_RUN} in all)."
        )
        for position in positions:
            chart.points[position].type = None
        return
    long_run = {positions[i]: 0 for i in runs.long_run_points}
    astronomical = astronomical_flags(xs, centre)
    for k, position in enumerate(positions):
        point = chart.points[position]
        side_of_median = 1 if xs[k] > centre else -1
        if astronomical[k]:
            point.rules.append(ASTRONOMICAL)
            point.side = astronomical[k]
        if position in long_run:
            point.rules.append(LONG_RUN)
            point.side = point.side or side_of_median
        point.type = icons.point_type(point.side, chart.improvement)
    _collect_signals(chart, segment, positions, (ASTRONOMICAL, LONG_RUN))
    if runs.crossings_signal:
        chart.signals.append(Signal(FEW_CROSSINGS, segment.index, []))

"""Control charts (XmR, P, P-prime, U, U-prime, C, G, T) and run charts computed from plain values.

`control_chart` and `run_chart` take a series (values, with None for missing ones; for P and U charts the
counts and their sizes), the measure's improvement direction and target, where the baseline is re-set and
which rule set to read it with, and return a `Chart` whose `to_dict()` is the API's JSON. Every chart type
shares the same point types, rules and icons; only the centre line and limits differ (`bands`). No Django:
the portal's models are turned into lists before they get here.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from . import icons, rules, rulesets
from .bands import BUILDERS, Band, Sample, t_display, t_value
from .exact import exact
from .limits import mean
from .runs import astronomical_flags, exact_median, runs_analysis

# Fewer points in a segment: no limits are drawn and no rule is tested. NHSRplotthedots and qicharts2
# draw limits from any number of points and warn below 12; five is the fewest from which the moving
# ranges say anything about the spread, so a team with monthly data sees trial limits after five months
# (docs/adr/0005).
MIN_POINTS_XMR = 5
TRIAL_BELOW = 12  # limits from fewer baseline points are trial limits
MIN_POINTS_RUN = 10  # fewer useful points: the runs analysis is not attempted

# The rules' names, and every label any chart can show (the labels of the default rule set).
OUTSIDE_LIMITS = rulesets.OUTSIDE_LIMITS
SHIFT = rulesets.SHIFT
TREND = rulesets.TREND
TWO_OF_THREE = rulesets.TWO_OF_THREE
LONG_RUN = rulesets.LONG_RUN
FEW_CROSSINGS = rulesets.FEW_CROSSINGS
ASTRONOMICAL = rulesets.ASTRONOMICAL
RULE_LABELS = rulesets.ALL_LABELS
XMR_PRECEDENCE = rulesets.CONTROL_PRECEDENCE

# Chart types, named as qicharts2's qic() names them (xmr is its "i" chart).
XMR, P, PP, U, UP, C, G, T, RUN = "xmr", "p", "pp", "u", "up", "c", "g", "t", "run"
CONTROL_CHARTS = (XMR, P, PP, U, UP, C, G, T)
RATIO_CHARTS = (P, PP, U, UP)  # plotted as count / size, with limits that vary with each size
CHART_NAMES = {
    XMR: "XmR chart (individuals)",
    P: "P chart (proportion)",
    PP: "Laney P-prime chart (proportion, large denominators)",
    U: "U chart (rate)",
    UP: "Laney U-prime chart (rate, large denominators)",
    C: "C chart (count of events)",
    G: "G chart (opportunities between rare events)",
    T: "T chart (time between rare events)",
    RUN: "Run chart",
}


@dataclass
class Point:
    position: int
    period: Any
    value: float | None  # as plotted (a proportion or rate times the multiplier)
    segment: int
    type: str | None = None  # None when missing or not analysed
    rules: list[str] = field(default_factory=list)
    side: int = 0  # the direction of the deciding signal
    count: float | None = None  # P and U charts: the numerator
    size: float | None = None  # and the denominator
    centre: float | None = None  # the centre line and limits that apply to this point
    lower_limit: float | None = None
    upper_limit: float | None = None
    excluded: bool = False  # left out of the centre line and limits (still tested against them)


@dataclass
class Segment:
    index: int
    start: int  # position of its first point
    end: int  # position of its last point
    n: int  # values present
    baseline_points: int = 0
    mean: float | None = None  # the centre line (the median for a G chart), as plotted
    median: float | None = None
    lower_limit: float | None = None  # the limits at the segment's last point
    upper_limit: float | None = None
    trial: bool = False
    varying_limits: bool = False  # P and U charts: limits differ from point to point
    bands: list[Band] = field(default_factory=list, repr=False)  # what the rules and icons compare


@dataclass
class Signal:
    rule: str
    segment: int
    positions: list[int]
    label: str = ""


@dataclass
class Chart:
    chart: str  # one of CONTROL_CHARTS or "run"
    improvement: str
    target: float | None
    rule_set: str  # the rule set in words
    points: list[Point]
    segments: list[Segment]
    signals: list[Signal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    variation: str | None = None
    assurance: str | None = None
    longest_run: int | None = None
    crossings: int | None = None
    n_useful: int | None = None  # points off the centre line that the runs analysis counted
    rule_set_key: str = rulesets.DEFAULT
    multiplier: float = 1
    rule_labels: dict[str, str] = field(default_factory=lambda: dict(RULE_LABELS), repr=False)

    @property
    def last_segment(self) -> Segment | None:
        return self.segments[-1] if self.segments else None

    @property
    def is_control(self) -> bool:
        return self.chart in CONTROL_CHARTS

    @property
    def centre_name(self) -> str:
        return "Median" if self.chart in (RUN, G) else "Mean"

    def label(self, rule: str) -> str:
        return self.rule_labels[rule]

    @property
    def rule_set_name(self) -> str:
        """The rule set's short name, as the icons' captions give it."""
        known = rulesets.RULE_SETS.get(self.rule_set_key)
        return known.name if known else "Anhøj's run chart rules"

    def to_dict(self) -> dict[str, Any]:
        last = self.last_segment
        return {
            "chart": self.chart,
            "chart_name": CHART_NAMES[self.chart],
            "mean": last.mean if last else None,
            "median": last.median if last else None,
            "lower_limit": last.lower_limit if last else None,
            "upper_limit": last.upper_limit if last else None,
            "multiplier": self.multiplier,
            "points": [
                {
                    "period": plain_period(p.period),
                    "value": p.value,
                    "numerator": p.count,
                    "denominator": p.size,
                    "type": p.type,
                    "rules": list(p.rules),
                    "centre": p.centre,
                    "lower_limit": p.lower_limit,
                    "upper_limit": p.upper_limit,
                    "excluded": p.excluded,
                }
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
            "rule_set_key": self.rule_set_key,
            "icons_rule_set": self.rule_set_name if self.variation else None,
            "minimum_points": {
                "limits": MIN_POINTS_XMR,
                "settled_limits": TRIAL_BELOW,
                "run_chart_rules": MIN_POINTS_RUN,
            },
            "segments": [
                {
                    "start": plain_period(self.points[s.start].period),
                    "end": plain_period(self.points[s.end].period),
                    "mean": s.mean,
                    "median": s.median,
                    "lower_limit": s.lower_limit,
                    "upper_limit": s.upper_limit,
                    "trial_limits": s.trial,
                    "varying_limits": s.varying_limits,
                }
                for s in self.segments
            ],
            "notes": list(self.notes),
        }


def plain_period(period: Any) -> Any:
    return period.isoformat() if hasattr(period, "isoformat") else period


@dataclass(frozen=True)
class _Scale:
    """How a chart type turns an input into the statistic its rules test, and back into what is drawn."""

    kind: str
    multiplier: Fraction
    ratio: bool  # values are counts over sizes

    def sample(self, value: Any, size: Any) -> Sample | None:
        """The period's sample, or None when it is missing (no value, or a ratio without a usable size)."""
        if value is None or value != value:  # NaN counts as missing
            return None
        v = exact(value)
        if self.ratio:
            if size is None or size != size or exact(size) <= 0:
                return None
            n = exact(size)
            return Sample(v / n, count=v, size=n)
        if self.kind == T:
            return Sample(t_value(v)) if v > 0 else None
        return Sample(v, count=v)

    def shown(self, value: Fraction | float | None) -> float | None:
        if value is None:
            return None
        if self.kind == T:
            return t_display(float(value))
        if isinstance(value, Fraction):
            return float(value * self.multiplier)
        return value * float(self.multiplier)

    def internal(self, target: float) -> Fraction | None:
        """A target on the scale the rules work on (None where it cannot be placed there)."""
        if self.kind == T:
            return t_value(exact(target)) if target > 0 else None
        return exact(target) / self.multiplier


def _prepare(
    values: Sequence[Any],
    sizes: Sequence[Any] | None,
    periods: Sequence[Any] | None,
    rebase_at: Sequence[int],
    scale: _Scale,
    exclude: Sequence[int] = (),
) -> tuple[list[Point], list[Segment], list[str], dict[int, Sample]]:
    if periods is not None and len(periods) != len(values):
        raise ValueError("periods and values must have the same length")
    if sizes is not None and len(sizes) != len(values):
        raise ValueError("sizes and values must have the same length")
    if scale.kind in RATIO_CHARTS and sizes is None:
        raise ValueError(f"a {CHART_NAMES[scale.kind]} needs a size (denominator) for every value")
    if scale.kind in (C, G, T) and sizes is not None:
        raise ValueError(f"a {CHART_NAMES[scale.kind]} takes one value a period, without a denominator")
    starts = sorted({0, *(i for i in rebase_at if 0 < i < len(values))}) if len(values) else []
    left_out = set(exclude)
    points: list[Point] = []
    segments: list[Segment] = []
    samples: dict[int, Sample] = {}
    unusable = 0
    for k, start in enumerate(starts):
        end = (starts[k + 1] if k + 1 < len(starts) else len(values)) - 1
        present = 0
        for i in range(start, end + 1):
            size = sizes[i] if sizes is not None else None
            sample = scale.sample(values[i], size)
            point = Point(i, periods[i] if periods is not None else i + 1, None, k, excluded=i in left_out)
            if sample is not None:
                samples[i] = sample
                present += 1
                point.value = float(values[i]) if scale.kind == T else scale.shown(sample.value)
                if scale.ratio:
                    point.count, point.size = float(sample.count), float(sample.size)
            elif values[i] is not None and values[i] == values[i]:
                unusable += 1
            points.append(point)
        segments.append(Segment(index=k, start=start, end=end, n=present))
    notes = []
    missing = sum(p.value is None for p in points) - unusable
    if missing:
        notes.append(
            f"{missing} period{'s have' if missing > 1 else ' has'} no value: "
            "left out of the calculations and the rules."
        )
    if unusable:
        reason = "no denominator above zero"
        if not scale.ratio:
            reason = "a time between events that is not above zero"
        notes.append(
            f"{unusable} period{'s have' if unusable > 1 else ' has'} {reason}: left out of the calculations "
            "and the rules."
        )
    return points, segments, notes, samples


def _baseline(values: list[Any], baseline_points: int | None) -> list[Any]:
    if baseline_points and baseline_points >= 2:
        return values[:baseline_points]
    return values


def xmr_chart(values: Sequence[float | None], **options: Any) -> Chart:
    """An XmR (individuals) chart: `control_chart("xmr", values, ...)`."""
    return control_chart(XMR, values, **options)


def control_chart(
    kind: str,
    values: Sequence[Any],
    *,
    sizes: Sequence[Any] | None = None,
    periods: Sequence[Any] | None = None,
    improvement: str | None = icons.NEITHER,
    target: float | None = None,
    rebase_at: Sequence[int] = (),
    baseline_points: int | None = None,
    exclude: Sequence[int] = (),
    screen_moving_ranges: bool = True,
    multiplier: float | int = 1,
    rule_set: str | None = None,
) -> Chart:
    """A control chart of `kind` read with a rule set (Making Data Count by default).

    `values`: the values, or for P and U charts the counts (numerators) with `sizes` their denominators
    (an XmR chart takes `sizes` too, and plots count / size);
    for a T chart the times between events, for a G chart the opportunities between events.
    `rebase_at`: positions where a new baseline segment starts (limits are computed per segment);
    `baseline_points`: compute each segment's limits from its first n points only (fixed limits);
    `exclude`: positions left out of the centre line and limits (known special causes), still drawn and
    tested against the limits; `screen_moving_ranges`: drop moving ranges at or above 3.267 times their
    mean before the limits (XmR, T, P-prime and U-prime); `multiplier`: draw proportions and rates times
    this (100 for a percentage, 1,000 for a rate per 1,000).
    """
    if kind not in CONTROL_CHARTS:
        raise ValueError(f"chart must be one of {', '.join(CONTROL_CHARTS)}, not {kind!r}")
    rules_used = rulesets.rule_set(rule_set)
    direction = icons.normalise_direction(improvement)
    ratio = sizes is not None
    scale = _Scale(kind, exact(multiplier) if ratio else Fraction(1), ratio)
    points, segments, notes, samples = _prepare(values, sizes, periods, rebase_at, scale, exclude)
    chart = Chart(
        kind,
        direction,
        target,
        rules_used.statement,
        points,
        segments,
        notes=notes,
        rule_set_key=rules_used.key,
        multiplier=float(scale.multiplier),
        rule_labels=rules_used.labels(),
    )
    for segment in segments:
        _analyse_control_segment(
            chart, segment, samples, scale, rules_used, baseline_points, screen_moving_ranges
        )
    _finish(chart, scale)
    return chart


def _analyse_control_segment(
    chart: Chart,
    segment: Segment,
    samples: dict[int, Sample],
    scale: _Scale,
    rule_set: rulesets.RuleSet,
    baseline_points: int | None,
    screen: bool,
) -> None:
    positions = [i for i in range(segment.start, segment.end + 1) if i in samples]
    present = [samples[i] for i in positions]
    label = f"Segment {segment.index + 1}: " if len(chart.segments) > 1 else ""
    if len(present) < MIN_POINTS_XMR:
        more = MIN_POINTS_XMR - len(present)
        chart.notes.append(
            f"{label}{len(present)} value{'s' if len(present) != 1 else ''}: {more} more "
            f"{'is' if more == 1 else 'are'} needed before trial limits are drawn and the rules are tested "
            f"(at least {MIN_POINTS_XMR} in all)."
        )
        if present:
            segment.mean = scale.shown(mean([s.value for s in present]))
            segment.median = scale.shown(exact_median([s.value for s in present]))
        return
    included = [k for k, i in enumerate(positions) if not chart.points[i].excluded]
    # The first n points (as with fixed limits), less any excluded among them.
    first = len(_baseline(present, baseline_points))
    baseline = [present[k] for k in included if k < first]
    if len(baseline) < 2:
        chart.notes.append(f"{label}fewer than 2 points are left for the limits once excluded ones are out.")
        return
    result = BUILDERS[chart.chart](baseline, present, screen=screen)
    centre = result.centre_line
    segment.bands = result.bands
    segment.baseline_points = len(baseline)
    segment.mean = scale.shown(centre)
    segment.median = scale.shown(exact_median([s.value for s in present]))
    for k, i in enumerate(positions):
        point, band = chart.points[i], result.bands[k]
        point.centre = segment.mean
        point.lower_limit, point.upper_limit = scale.shown(band.limit(-3)), scale.shown(band.limit(3))
    last = chart.points[positions[-1]]
    segment.lower_limit, segment.upper_limit = last.lower_limit, last.upper_limit
    segment.varying_limits = len({b for b in result.bands}) > 1
    segment.trial = len(baseline) < TRIAL_BELOW
    if segment.trial:
        more = TRIAL_BELOW - len(baseline)
        chart.notes.append(
            f"{label}trial limits: calculated from {len(baseline)} points; {more} more "
            f"{'is' if more == 1 else 'are'} needed before the limits settle (at {TRIAL_BELOW} points)."
        )
    if all(b.spread_is_zero for b in result.bands):
        chart.notes.append(f"{label}every baseline value is the same, so the limits sit on the centre line.")
    if any(chart.points[i].excluded for i in positions):
        chart.notes.append(
            f"{label}excluded points are left out of the centre line, the limits and the runs, "
            "but are still tested against the limits."
        )

    xs = [s.value for s in present]
    outside = [b.side_beyond(v, 3) for v, b in zip(xs, result.bands, strict=True)]
    close = [
        bool(b.side_beyond(v, 2)) and not b.side_beyond(v, 3) for v, b in zip(xs, result.bands, strict=True)
    ]
    # The sequence rules read the included points in order; an excluded point is only tested on its own.
    kept = [xs[k] for k in included]
    relative = rules.relative_to_mean(kept, centre)
    sequence = {
        TREND: rules.spread_back(rules.trend_end_flags(kept, rule_set.trend), rule_set.trend),
        TWO_OF_THREE: rules.two_in_three_flags([close[k] for k in included], relative),
        SHIFT: rules.spread_back(rules.run_end_flags(relative, rule_set.shift), rule_set.shift),
    }
    flags = {OUTSIDE_LIMITS: outside}
    for name, kept_flags in sequence.items():
        flags[name] = [0] * len(xs)
        for j, k in enumerate(included):
            flags[name][k] = kept_flags[j]
    for k, position in enumerate(positions):
        point = chart.points[position]
        point.rules = [name for name in XMR_PRECEDENCE if flags[name][k]]
        point.side = flags[point.rules[0]][k] if point.rules else 0
        point.type = icons.point_type(point.side, chart.improvement)
    _collect_signals(chart, segment, positions, XMR_PRECEDENCE)
    runs = runs_analysis(kept, centre)
    chart.longest_run, chart.crossings, chart.n_useful = runs.longest_run, runs.crossings, runs.n_useful


def _collect_signals(chart: Chart, segment: Segment, positions: list[int], names: Sequence[str]) -> None:
    for name in names:
        flagged = [i for i in positions if name in chart.points[i].rules]
        if flagged:
            chart.signals.append(Signal(name, segment.index, flagged, chart.label(name)))


def _finish(chart: Chart, scale: _Scale) -> None:
    latest = next((p for p in reversed(chart.points) if p.value is not None), None)
    if chart.is_control and latest is not None:
        chart.variation = icons.variation_icon(latest.type, latest.side)
        last = chart.last_segment
        if last is not None and last.bands and chart.target is not None:
            # The latest point's limits (a P or U chart's limits vary with each period's size).
            band = last.bands[-1]
            target = scale.internal(chart.target)
            if target is not None and chart.improvement in (icons.INCREASE, icons.DECREASE):
                side = band.side_beyond(target, 3)  # -1: the target is below the lower limit
                good = -1 if chart.improvement == icons.INCREASE else 1
                chart.assurance = (
                    icons.HIT_AND_MISS
                    if side == 0
                    else icons.CONSISTENTLY_PASSING
                    if side == good
                    else icons.CONSISTENTLY_FAILING
                )
    if not any(p.value is not None for p in chart.points):
        chart.notes.append("No values yet.")


def run_chart(
    values: Sequence[Any],
    *,
    sizes: Sequence[Any] | None = None,
    periods: Sequence[Any] | None = None,
    improvement: str | None = icons.NEITHER,
    target: float | None = None,
    rebase_at: Sequence[int] = (),
    baseline_points: int | None = None,
    multiplier: float | int = 1,
) -> Chart:
    """A run chart about the median with the Anhøj rules and astronomical points.

    With `sizes`, each value is a count and the chart plots count / size times `multiplier`.
    `baseline_points`: take each segment's median from its first n points (a frozen median)."""
    direction = icons.normalise_direction(improvement)
    ratio = sizes is not None
    scale = _Scale(RUN, exact(multiplier) if ratio else Fraction(1), ratio)
    points, segments, notes, samples = _prepare(values, sizes, periods, rebase_at, scale)
    chart = Chart(
        RUN,
        direction,
        target,
        rulesets.ANHOEJ_STATEMENT,
        points,
        segments,
        notes=notes,
        rule_set_key=rulesets.ANHOEJ_KEY,
        multiplier=float(scale.multiplier),
    )
    for segment in segments:
        _analyse_run_segment(chart, segment, samples, scale, baseline_points)
    _finish(chart, scale)
    return chart


def _analyse_run_segment(
    chart: Chart, segment: Segment, samples: dict[int, Sample], scale: _Scale, baseline_points: int | None
) -> None:
    positions = [i for i in range(segment.start, segment.end + 1) if i in samples]
    label = f"Segment {segment.index + 1}: " if len(chart.segments) > 1 else ""
    if not positions:
        return
    xs = [samples[i].value for i in positions]
    baseline = _baseline(xs, baseline_points)
    segment.baseline_points = len(baseline)
    centre = exact_median(baseline)
    segment.median = scale.shown(centre)
    segment.mean = scale.shown(mean(xs))
    for i in positions:
        chart.points[i].centre = segment.median
    runs = runs_analysis(xs, centre)
    chart.longest_run, chart.crossings, chart.n_useful = runs.longest_run, runs.crossings, runs.n_useful
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
        chart.signals.append(Signal(FEW_CROSSINGS, segment.index, [], chart.label(FEW_CROSSINGS)))

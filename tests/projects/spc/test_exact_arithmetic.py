"""Ties with the mean, the limits, the 2-sigma lines and the median are decided exactly.

Floating point put a point equal to the mean a hair above or below it: eight 0.1s were "outside the
limits". The rules now compare the decimals people entered; these cases and the properties below fail
with `sum(values) / len(values)` in floats.
"""

from decimal import Decimal
from fractions import Fraction
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from projects.spc import run_chart, xmr_chart
from projects.spc.exact import exact
from projects.spc.limits import xmr_limits
from projects.spc.svg import chart_svg


def test_eight_equal_decimals_are_common_cause_with_limits_on_the_mean():
    result = xmr_chart([0.1] * 8, improvement="increase")
    assert {p.type for p in result.points} == {"common_cause"}
    assert result.signals == []
    assert result.variation == "common_cause"


def test_a_target_equal_to_a_flat_process_is_hit_and_miss_not_a_concern():
    result = xmr_chart([0.1] * 12, improvement="decrease", target=0.1)
    assert {p.type for p in result.points} == {"common_cause"}
    assert result.assurance == "hit_and_miss"
    assert result.variation == "common_cause"


def test_points_on_the_mean_break_a_run_exactly():
    # The mean is exactly 2.8: the six 2.8s are on it, so there is no shift.
    result = xmr_chart([2.8, 2.8, 2.5, 2.8, 2.8, 2.8, 2.8, 3.1], improvement="increase")
    assert result.segments[0].mean == 2.8
    assert "shift" not in {s.rule for s in result.signals}
    assert {p.type for p in result.points} == {"common_cause"}


def test_a_run_chart_median_between_two_decimals_is_exact():
    values = [0.1, 0.2, 0.15, 0.15, 0.1, 0.2, 0.15, 0.15, 0.1, 0.2, 0.15, 0.15]
    result = run_chart(values)
    assert result.segments[0].median == 0.15
    # The 0.15s sit on the median, so only the 0.1s and 0.2s are useful points.
    assert result.longest_run is not None and result.longest_run <= 2


def test_limits_use_the_methods_decimal_constants():
    limits = xmr_limits([Fraction(1), Fraction(2)])
    assert limits.upper == Fraction(3, 2) + Fraction("2.66")


def test_seven_points_show_an_obvious_signal_with_trial_limits():
    result = xmr_chart([29, -2, 28, 23, 49, 155, 198], improvement="increase")
    segment = result.segments[0]
    assert segment.trial and segment.upper_limit is not None
    assert result.points[-1].type == "special_cause_improvement"
    assert any("5 more are needed before the limits settle" in note for note in result.notes)


def test_too_few_points_say_how_many_more_are_needed():
    result = xmr_chart([3, 4, 5])
    assert any("2 more are needed before trial limits are drawn" in n for n in result.notes)


# An independent, plain implementation of DESIGN.md section 3.1 over Fractions, to compare point types.
def _reference_types(values: list[Decimal], improvement: str) -> list[str]:
    xs = [Fraction(v) for v in values]
    centre = sum(xs, Fraction(0)) / len(xs)
    ranges = [abs(b - a) for a, b in pairwise(xs)]
    mr = sum(ranges, Fraction(0)) / len(ranges)
    kept = [r for r in ranges if r < Fraction("3.267") * mr]
    if kept:
        mr = sum(kept, Fraction(0)) / len(kept)
    upper, lower = centre + Fraction("2.66") * mr, centre - Fraction("2.66") * mr
    near_up, near_low = centre + (upper - centre) * 2 / 3, centre - (centre - lower) * 2 / 3
    n = len(xs)
    side = [(x > centre) - (x < centre) for x in xs]
    found: list[list[int]] = [[] for _ in xs]  # signals by precedence: outside, trend, 2 of 3, shift
    outside = [1 if x > upper else -1 if x < lower else 0 for x in xs]
    trend = [0] * n
    for end in range(6, n):
        steps = [(xs[i] > xs[i - 1]) - (xs[i] < xs[i - 1]) for i in range(end - 5, end + 1)]
        if len(set(steps)) == 1 and steps[0] != 0:
            for i in range(end - 6, end + 1):
                trend[i] = steps[0]
    close = [(near_up < x <= upper) or (lower <= x < near_low) for x in xs]
    two = [0] * n
    for s in range(n - 2):
        w = range(s, s + 3)
        if len({side[i] for i in w}) == 1 and side[s] != 0 and sum(close[i] for i in w) >= 2:
            for i in w:
                if close[i]:
                    two[i] = side[i]
    shift = [0] * n
    for end in range(6, n):
        w = side[end - 6 : end + 1]
        if len(set(w)) == 1 and w[0] != 0:
            for i in range(end - 6, end + 1):
                shift[i] = w[0]
    for i in range(n):
        found[i] = [f for f in (outside[i], trend[i], two[i], shift[i]) if f]
    good = {"increase": 1, "decrease": -1}.get(improvement, 0)
    out = []
    for flags in found:
        if not flags:
            out.append("common_cause")
        elif good == 0:
            out.append("special_cause_neutral")
        else:
            out.append("special_cause_improvement" if flags[0] == good else "special_cause_concern")
    return out


POOL = [Decimal(x) for x in ("0.1", "0.2", "0.3", "0.7", "1.1", "2.5", "2.8", "3.1", "10.05")]
series = st.lists(st.sampled_from(POOL), min_size=12, max_size=40)
directions = st.sampled_from(["increase", "decrease", "neither"])


@settings(max_examples=300, deadline=None)
@given(series, directions)
def test_point_types_match_an_exact_reference(values, improvement):
    result = xmr_chart([float(v) for v in values], improvement=improvement)
    assert [p.type for p in result.points] == _reference_types(values, improvement)


@settings(max_examples=200, deadline=None)
@given(series, directions, st.sampled_from([Decimal("0.1"), Decimal("-3.3"), Decimal("1000.7")]))
def test_shifting_a_series_by_a_constant_keeps_its_point_types(values, improvement, shift):
    before = xmr_chart([float(v) for v in values], improvement=improvement)
    after = xmr_chart([float(v + shift) for v in values], improvement=improvement)
    assert [p.type for p in after.points] == [p.type for p in before.points]
    assert after.variation == before.variation


@settings(max_examples=200, deadline=None)
@given(series, directions, st.sampled_from([-2, -1, 1, 2, 3]))
def test_the_same_series_at_another_scale_keeps_its_point_types(values, improvement, power):
    scale = Decimal(10) ** power
    before = xmr_chart([float(v) for v in values], improvement=improvement, target=0.3)
    after = xmr_chart(
        [float(v * scale) for v in values], improvement=improvement, target=float(scale * Decimal("0.3"))
    )
    assert [p.type for p in after.points] == [p.type for p in before.points]
    assert after.assurance == before.assurance


@settings(max_examples=200, deadline=None)
@given(series)
def test_run_chart_points_on_the_median_are_never_useful(values):
    result = run_chart([float(v) for v in values])
    median = exact(result.segments[0].median)
    useful = sum(1 for v in values if Fraction(v) != median)
    assert result.longest_run is not None
    assert result.longest_run <= useful


def test_trial_limits_are_labelled_on_the_chart_itself():
    assert "Trial limits (7 points)" in chart_svg(xmr_chart([29, -2, 28, 23, 49, 155, 198]), title="t")
    assert "Trial limits" not in chart_svg(xmr_chart([10, 12] * 6), title="t")

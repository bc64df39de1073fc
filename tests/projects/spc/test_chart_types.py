"""P, P-prime, U, U-prime, C, G and T charts against a plain floating-point reading of qicharts2's
definitions (R/helper.functions.R: qic.p, qic.pp, qic.u, qic.up, qic.c, qic.g, qic.t), on generated data,
and the cases floating point would get wrong."""

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from projects.spc import control_chart, run_chart
from projects.spc.bands import Band


def reference_limits(kind: str, counts: list[float], sizes: list[float]) -> tuple[list[float], ...]:
    """qicharts2's centre line and 3-sigma limits, written as its R code reads, in floats."""
    n = len(counts)
    if kind in ("p", "pp", "u", "up"):
        y = [c / s for c, s in zip(counts, sizes, strict=True)]
        cl = sum(counts) / sum(sizes)
        sd = [math.sqrt(cl * (1 - cl) / s) if kind in ("p", "pp") else math.sqrt(cl / s) for s in sizes]
        if kind in ("pp", "up"):
            z = [(y[i] - cl) / sd[i] for i in range(n)]
            amr = sum(abs(z[i] - z[i - 1]) for i in range(1, n)) / (n - 1)
            sd = [s * amr / 1.128 for s in sd]
    elif kind == "c":
        cl = sum(counts) / n
        sd = [math.sqrt(cl)] * n
    else:  # g
        cl = sum(counts) / n
        sd = [math.sqrt(cl * (cl + 1))] * n
    upper = [cl + 3 * s for s in sd]
    lower = [max(cl - 3 * s, 0.0) for s in sd]
    if kind in ("p", "pp"):
        upper = [min(u, 1.0) for u in upper]
    return [cl] * n, lower, upper


@st.composite
def proportions(draw):
    n = draw(st.integers(5, 40))
    sizes = draw(st.lists(st.integers(1, 400), min_size=n, max_size=n))
    counts = [draw(st.integers(0, s)) for s in sizes]
    return counts, sizes


@st.composite
def rates(draw):
    n = draw(st.integers(5, 40))
    sizes = draw(st.lists(st.integers(1, 5000), min_size=n, max_size=n))
    counts = draw(st.lists(st.integers(0, 60), min_size=n, max_size=n))
    return counts, sizes


def assert_matches_reference(kind, counts, sizes, chart):
    centre, lower, upper = reference_limits(kind, counts, sizes)
    if kind == "g":
        centre = [sorted(counts)[len(counts) // 2] if len(counts) % 2 else None] * len(counts)
    for i, p in enumerate(chart.points):
        if centre[i] is not None:
            assert p.centre == pytest.approx(centre[i], rel=1e-9, abs=1e-12)
        assert p.lower_limit == pytest.approx(lower[i], rel=1e-9, abs=1e-12)
        assert p.upper_limit == pytest.approx(upper[i], rel=1e-9, abs=1e-12)
        value = p.value
        if min(abs(value - lower[i]), abs(value - upper[i])) > 1e-9:  # not a tie floats could break
            assert ("outside_limits" in p.rules) == (value > upper[i] or value < lower[i])


@settings(max_examples=60, deadline=None)
@given(proportions(), st.sampled_from(["p", "pp"]))
def test_p_charts_match_the_reference(data, kind):
    counts, sizes = data
    if sum(counts) in (0, sum(sizes)) and kind == "pp":
        return  # every z-score is undefined when the proportion is 0 or 1
    chart = control_chart(kind, counts, sizes=sizes, screen_moving_ranges=False)
    assert_matches_reference(kind, counts, sizes, chart)


@settings(max_examples=60, deadline=None)
@given(rates(), st.sampled_from(["u", "up"]))
def test_u_charts_match_the_reference(data, kind):
    counts, sizes = data
    if sum(counts) == 0 and kind == "up":
        return
    chart = control_chart(kind, counts, sizes=sizes, screen_moving_ranges=False)
    assert_matches_reference(kind, counts, sizes, chart)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 400), min_size=5, max_size=40), st.sampled_from(["c", "g"]))
def test_c_and_g_charts_match_the_reference(counts, kind):
    chart = control_chart(kind, counts)
    assert_matches_reference(kind, counts, [1] * len(counts), chart)


def test_a_p_chart_point_exactly_on_its_limit_is_inside():
    # p-bar = 1/2 and n = 36: sigma = 1/12, the upper limit is exactly 0.75 and 27 of 36 sits on it.
    counts = [18] * 10 + [27, 9]
    sizes = [36] * 12
    chart = control_chart("p", counts, sizes=sizes)
    assert chart.points[10].value == 0.75
    assert chart.points[10].upper_limit == pytest.approx(0.75)
    assert "outside_limits" not in chart.points[10].rules
    assert "outside_limits" not in chart.points[11].rules  # 0.25, exactly on the lower limit
    # One more event is outside.
    assert "outside_limits" in control_chart("p", [*counts[:10], 28, 9], sizes=sizes).points[10].rules


def test_a_band_decides_square_root_limits_exactly():
    band = Band(Fraction(1, 2), variance=Fraction(1, 144))
    assert band.side_beyond(Fraction(3, 4), 3) == 0
    assert band.side_beyond(Fraction(3, 4) + Fraction(1, 10**30), 3) == 1
    assert band.side_beyond(Fraction(1, 4) - Fraction(1, 10**30), 3) == -1


def test_p_chart_limits_vary_with_the_denominator_and_are_clipped_to_0_and_1():
    chart = control_chart("p", [1, 100, 1, 1, 100, 1], sizes=[2, 200, 2, 2, 200, 2], multiplier=100)
    small, large = chart.points[0], chart.points[1]
    assert small.lower_limit == 0 and small.upper_limit == 100
    assert 0 < large.lower_limit < large.upper_limit < 100
    assert chart.segments[0].varying_limits
    assert chart.multiplier == 100
    assert large.value == 50.0 and large.count == 100 and large.size == 200


def test_a_ratio_chart_needs_sizes_and_skips_periods_without_one():
    with pytest.raises(ValueError, match="denominator"):
        control_chart("p", [1, 2, 3])
    chart = control_chart("u", [1, 2, 3, 4, 5, 6], sizes=[10, 10, 0, 10, None, 10])
    assert [p.value for p in chart.points][2] is None
    assert any("2 periods have no denominator above zero" in note for note in chart.notes)


def test_the_t_chart_back_transforms_its_limits_and_drops_zero_times():
    hours = [286, 948, 536, 124, 816, 729, 4, 143, 431, 8, 2837, 596, 81, 227, 603, 492, 1199, 1214, 2831, 96]
    chart = control_chart("t", hours, screen_moving_ranges=False)
    transformed = [h ** (1 / 3.6) for h in hours]
    centre = sum(transformed) / len(transformed)
    assert chart.points[0].centre == pytest.approx(centre**3.6)
    assert chart.points[0].lower_limit == 0.0
    assert [p.value for p in chart.points] == hours
    with_zero = control_chart("t", [0, *hours])
    assert with_zero.points[0].value is None
    assert any("not above zero" in note for note in with_zero.notes)


def test_the_g_chart_draws_the_median_and_takes_its_limits_from_the_mean():
    counts = [10, 30, 20, 50, 40, 60, 5]
    chart = control_chart("g", counts, improvement="increase")
    assert chart.points[0].centre == 30
    mean = sum(counts) / len(counts)
    assert chart.points[0].upper_limit == pytest.approx(mean + 3 * math.sqrt(mean * (mean + 1)))
    assert chart.to_dict()["chart_name"].startswith("G chart")


def test_rule_sets_differ_only_in_their_lengths():
    shift_of_seven = [5.0, 6.0, 5.0, 6.0, 5.0, 6.0, 5.0] + [8.0, 7.0] * 3 + [8.0] + [5.0, 6.0]
    mdc = control_chart("xmr", shift_of_seven)
    ihi = control_chart("xmr", shift_of_seven, rule_set="ihi")
    assert any(s.rule == "shift" for s in mdc.signals)
    assert not any(s.rule == "shift" for s in ihi.signals)
    assert ihi.rule_set.startswith("IHI") and "a shift of 8 points" in ihi.rule_set
    assert "a trend of 6 points" in ihi.rule_set
    assert mdc.to_dict()["rule_set_key"] == "making_data_count"
    trend_of_six = [5.0, 5.5, 5.0, 5.5, 5.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 5.0, 5.5]
    assert any(s.rule == "trend" for s in control_chart("xmr", trend_of_six, rule_set="ihi").signals)
    assert not any(s.rule == "trend" for s in control_chart("xmr", trend_of_six).signals)
    with pytest.raises(ValueError):
        control_chart("xmr", trend_of_six, rule_set="western_electric")


def test_signal_labels_state_the_rule_sets_lengths():
    chart = control_chart("xmr", [5.0] * 3 + [6.0, 5.0] * 2 + [9.0] * 8, rule_set="ihi")
    labels = {s.rule: s.label for s in chart.signals}
    assert labels["shift"].startswith("A shift: 8 or more points")


def test_excluded_points_are_left_out_of_the_limits_but_still_tested():
    values = [10.0, 11.0, 10.0, 12.0, 11.0, 40.0, 10.0, 11.0, 12.0, 10.0, 11.0, 10.0]
    kept = control_chart("xmr", values)
    left_out = control_chart("xmr", values, exclude=[5])
    assert left_out.points[5].excluded
    assert left_out.points[0].upper_limit < kept.points[0].upper_limit
    assert "outside_limits" in left_out.points[5].rules


def test_a_run_chart_of_proportions_plots_count_over_size():
    chart = run_chart([1, 2, 3, 4] * 3, sizes=[10] * 12, multiplier=100)
    assert [p.value for p in chart.points][:4] == [10.0, 20.0, 30.0, 40.0]
    assert chart.segments[0].median == 25.0
    assert chart.rule_set_key == "anhoej"


def test_assurance_compares_the_target_with_the_latest_limits_on_the_plotted_scale():
    counts = [50, 52, 51, 53] * 3  # 51.5 %, limits about 36.5 % and 66.5 % with 100 in each period
    for target, assurance in (
        (20, "consistently_passing"),
        (80, "consistently_failing"),
        (55, "hit_and_miss"),
    ):
        chart = control_chart(
            "p", counts, sizes=[100] * 12, multiplier=100, improvement="increase", target=target
        )
        assert chart.assurance == assurance

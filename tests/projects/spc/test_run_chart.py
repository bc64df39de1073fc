"""Run chart rules (Anhøj) with hand-checked examples at each threshold."""

from projects.spc import run_chart
from projects.spc.runs import astronomical_flags, crossings_min, longest_run_max, runs_analysis


def test_the_thresholds_follow_the_formulas():
    # round(log2(n) + 3): n = 10 -> 6.32 -> 6; n = 16 -> 7; n = 25 -> 7.64 -> 8
    assert [longest_run_max(n) for n in (10, 16, 25)] == [6, 7, 8]
    # 5th percentile of Binomial(n - 1, 0.5): n = 10 -> 2 (P(X<=1) = 0.0195, P(X<=2) = 0.0898); n = 25 -> 8
    assert [crossings_min(n) for n in (10, 16, 25)] == [2, 4, 8]


def test_a_run_longer_than_the_maximum_is_a_shift():
    # 16 useful points (the 5 sits on the centre line), maximum 7: a run of 8 is a signal
    runs = runs_analysis([1] * 8 + [5] + [9] * 8, 5)
    assert (runs.n_useful, runs.longest_run, runs.longest_run_max) == (16, 8, 7)
    assert runs.shift_signal


def test_a_run_as_long_as_the_maximum_is_not_a_shift():
    runs = runs_analysis([1] * 7 + [9, 1, 5] + [9] * 7, 5)
    assert (runs.n_useful, runs.longest_run) == (16, 7)
    assert not runs.shift_signal


def test_points_on_the_centre_line_neither_break_nor_count():
    runs = runs_analysis([1, 1, 1, 5, 1, 1, 1, 1], 5)
    assert (runs.n_useful, runs.longest_run, runs.crossings) == (7, 7, 0)


def test_one_crossing_in_ten_points_is_too_few():
    result = run_chart([1] * 5 + [9] * 5)
    assert result.segments[0].median == 5
    assert (result.crossings, result.longest_run) == (1, 5)
    assert [s.rule for s in result.signals] == ["few_crossings"]


def test_two_crossings_in_ten_points_are_enough():
    result = run_chart([1, 1, 1, 9, 9, 9, 9, 9, 1, 1])
    assert result.crossings == 2
    assert result.signals == []
    assert {p.type for p in result.points} == {"common_cause"}


def test_points_in_a_long_run_are_flagged_with_their_direction():
    result = run_chart([9] * 8 + [5] + [1] * 8, improvement="decrease")
    assert [p.type for p in result.points[:8]] == ["special_cause_concern"] * 8
    assert result.points[8].type == "common_cause"
    assert [p.type for p in result.points[9:]] == ["special_cause_improvement"] * 8
    assert result.points[0].rules == ["long_run"]
    assert {s.rule for s in result.signals} == {"long_run", "few_crossings"}


def test_an_astronomical_point_is_beyond_3_145_median_moving_ranges():
    values = [10.0, 11.0] * 6
    # median 10.5, median moving range 1: beyond 10.5 ± 3.145
    assert astronomical_flags([*values, 13.7], 10.5)[-1] == 1
    assert astronomical_flags([*values, 13.6], 10.5)[-1] == 0
    # [12, 10] x 6, 11, 20: median 11.5, median moving range 2, so beyond 11.5 ± 6.29
    result = run_chart([12.0, 10.0] * 6 + [11.0, 20.0], improvement="increase")
    assert result.points[-1].rules == ["astronomical"]
    assert result.points[-1].type == "special_cause_improvement"


def test_too_few_useful_points_says_so():
    result = run_chart([1, 2, 3, 4, 5, 6, 7, 8, 9])
    assert any("at least 10" in n for n in result.notes)
    assert all(p.type is None for p in result.points)
    assert result.variation is None


def test_the_crossings_threshold_matches_the_binomial_cdf_computed_directly():
    import math

    def fifth_percentile(n: int) -> int:
        trials = n - 1
        total, cumulative = 2**trials, 0
        for k in range(trials + 1):
            cumulative += math.comb(trials, k)
            if cumulative / total >= 0.05:
                return k
        return trials

    assert [crossings_min(n) for n in range(2, 300)] == [fifth_percentile(n) for n in range(2, 300)]

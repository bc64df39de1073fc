"""Too few points, constant series and missing values."""

import math

import pytest

from projects.spc import MIN_POINTS_XMR, run_chart, xmr_chart


def test_too_few_points_says_so_and_draws_no_limits():
    result = xmr_chart([10, 12, 11, 13, 10, 12, 40][: MIN_POINTS_XMR - 1], improvement="increase", target=5)
    seg = result.segments[0]
    assert seg.lower_limit is None and seg.upper_limit is None
    assert all(p.type is None and p.rules == [] for p in result.points)
    assert result.variation is None and result.assurance is None
    assert any(f"at least {MIN_POINTS_XMR}" in note for note in result.notes)


def test_the_minimum_number_of_points_gives_trial_limits():
    result = xmr_chart([10, 12] * 4)
    seg = result.segments[0]
    assert seg.lower_limit == pytest.approx(5.68)
    assert seg.trial
    assert any("trial limits" in note for note in result.notes)


def test_twelve_points_give_limits_that_are_not_trial():
    assert not xmr_chart([10, 12] * 6).segments[0].trial


def test_a_constant_series_is_all_common_cause_with_limits_on_the_mean():
    result = xmr_chart([5.0] * 15, improvement="increase")
    seg = result.segments[0]
    assert (seg.mean, seg.lower_limit, seg.upper_limit) == (5, 5, 5)
    assert {p.type for p in result.points} == {"common_cause"}
    assert result.variation == "common_cause"
    assert any("the same" in note for note in result.notes)


def test_a_constant_series_on_a_run_chart_has_no_useful_points():
    result = run_chart([5.0] * 15)
    assert result.segments[0].median == 5
    assert any("0 useful points" in note for note in result.notes)
    assert result.signals == []


def test_missing_values_are_kept_in_place_and_left_out_of_the_calculations():
    values = [10.0, 12.0] * 6
    with_gap = [*values[:5], None, values[5], math.nan, *values[6:]]
    result = xmr_chart(with_gap, improvement="increase")
    clean = xmr_chart(values, improvement="increase")
    assert result.segments[0].mean == clean.segments[0].mean
    assert [p.value for p in result.points][5] is None
    assert result.points[5].type is None and result.points[7].type is None
    assert any("2 periods have no value" in note for note in result.notes)


def test_an_empty_series_has_no_chart():
    result = xmr_chart([])
    assert result.points == [] and result.segments == [] and result.variation is None
    assert "No values yet." in result.notes
    assert result.to_dict()["mean"] is None
    assert run_chart([]).to_dict()["points"] == []


def test_periods_must_match_the_values():
    with pytest.raises(ValueError, match="same length"):
        xmr_chart([1, 2, 3], periods=["a"])


def test_an_unknown_direction_is_refused():
    with pytest.raises(ValueError, match="improvement must be one of"):
        xmr_chart([1, 2, 3], improvement="up")

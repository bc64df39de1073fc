"""Hand-checked series that trigger each rule exactly at its threshold, and one point short of it.

The XmR examples share a fixed baseline of twelve points alternating 12 and 10: mean 11, every moving
range 2, so the limits are 11 ± 2.66 x 2 = 5.68 and 16.32, and two sigma (two thirds of the way to a
limit) is 11 ± 3.5467 = 7.4533 and 14.5467. Points after the baseline are judged against those limits.
"""

import pytest

from projects.spc import xmr_chart

BASE = [12.0, 10.0] * 6


def chart(extra: list[float], improvement: str = "increase", target: float | None = None):
    return xmr_chart(BASE + extra, improvement=improvement, target=target, baseline_points=12)


def tail(extra: list[float], **kwargs):
    result = chart(extra, **kwargs)
    return [(p.type, p.rules) for p in result.points[len(BASE) :]]


def test_the_baseline_gives_the_hand_computed_limits():
    seg = chart([]).segments[0]
    assert (seg.mean, seg.lower_limit, seg.upper_limit) == pytest.approx((11, 5.68, 16.32))
    assert not seg.trial


def test_a_point_just_above_the_upper_limit_is_special_cause():
    assert tail([16.33]) == [("special_cause_improvement", ["outside_limits"])]


def test_a_point_just_inside_the_upper_limit_is_common_cause():
    assert tail([16.3]) == [("common_cause", [])]


def test_a_point_below_the_lower_limit_is_a_concern_when_higher_is_better():
    assert tail([5.67]) == [("special_cause_concern", ["outside_limits"])]
    assert tail([5.7]) == [("common_cause", [])]


def test_the_direction_decides_improvement_concern_or_neutral():
    assert tail([16.33], improvement="decrease")[0][0] == "special_cause_concern"
    assert tail([16.33], improvement="neither")[0][0] == "special_cause_neutral"


def test_seven_points_above_the_mean_are_a_shift_and_all_seven_are_flagged():
    assert tail([11.5] * 7) == [("special_cause_improvement", ["shift"])] * 7


def test_six_points_above_the_mean_are_not_a_shift():
    assert tail([11.5] * 6 + [10]) == [("common_cause", [])] * 7


def test_a_point_on_the_mean_breaks_a_shift():
    assert all(t == "common_cause" for t, _ in tail([11.5] * 3 + [11] + [11.5] * 4))


def test_seven_rising_points_are_a_trend_and_all_seven_are_flagged():
    # 10 (end of the baseline), then 8 .. 14: six increases, seven points, all inside two sigma.
    assert tail([8, 9, 10, 11, 12, 13, 14]) == [("special_cause_improvement", ["trend"])] * 7


def test_six_rising_points_are_not_a_trend():
    assert tail([9, 10, 11, 12, 13, 14]) == [("common_cause", [])] * 6


def test_a_falling_trend_is_labelled_by_its_direction_not_its_side_of_the_mean():
    result = tail([14, 13, 12, 11, 10, 9, 8], improvement="decrease")
    assert result == [("special_cause_improvement", ["trend"])] * 7


def test_equal_neighbours_break_a_trend():
    assert tail([8, 9, 10, 10, 11, 12, 13]) == [("common_cause", [])] * 7


def test_two_of_three_beyond_two_sigma_on_one_side_flags_those_two():
    assert tail([15, 11.5, 15]) == [
        ("special_cause_improvement", ["two_of_three"]),
        ("common_cause", []),
        ("special_cause_improvement", ["two_of_three"]),
    ]


def test_one_of_three_beyond_two_sigma_is_not_a_signal():
    assert tail([15, 11.5, 11.5]) == [("common_cause", [])] * 3
    assert tail([15, 12, 12, 15]) == [("common_cause", [])] * 4


def test_two_of_three_on_opposite_sides_is_not_a_signal():
    assert tail([15, 11.5, 7]) == [("common_cause", [])] * 3


def test_outside_limits_takes_precedence_and_every_rule_is_named():
    result = chart([11.5] * 6 + [17])
    last = result.points[-1]
    assert last.rules == ["outside_limits", "shift"]
    assert last.type == "special_cause_improvement"


def test_limits_from_all_points_with_and_without_screening():
    values = [10.0, 12.0] * 6 + [30.0]
    # moving ranges: eleven of 2 and one of 18; mean 40 / 12 = 3.333; 18 >= 3.267 x 3.333 = 10.89 is
    # dropped, leaving a mean moving range of 2.
    screened = xmr_chart(values).segments[0]
    mean = 162 / 13
    assert (screened.mean, screened.lower_limit, screened.upper_limit) == pytest.approx(
        (mean, mean - 5.32, mean + 5.32)
    )
    unscreened = xmr_chart(values, screen_moving_ranges=False).segments[0]
    assert unscreened.upper_limit == pytest.approx(mean + 2.66 * 40 / 12)


def test_the_variation_icon_comes_from_the_latest_point():
    assert chart([16.33]).variation == "improvement_high"
    assert chart([16.33], improvement="decrease").variation == "concern_high"
    assert chart([5.67]).variation == "concern_low"
    assert chart([5.67], improvement="decrease").variation == "improvement_low"
    assert chart([5.67], improvement="neither").variation == "neutral_low"
    assert chart([16.33, 11]).variation == "common_cause"


@pytest.mark.parametrize(
    ("improvement", "target", "expected"),
    [
        ("increase", 5.0, "consistently_passing"),
        ("increase", 5.68, "hit_and_miss"),  # on the limit: not strictly beyond it
        ("increase", 11.0, "hit_and_miss"),
        ("increase", 16.4, "consistently_failing"),
        ("decrease", 16.4, "consistently_passing"),
        ("decrease", 5.0, "consistently_failing"),
        ("neither", 5.0, None),
        ("increase", None, None),
    ],
)
def test_assurance_compares_the_target_with_the_latest_limits(improvement, target, expected):
    assert chart([], improvement=improvement, target=target).assurance == expected


def test_assurance_uses_the_last_segment_after_a_rebaseline():
    values = [10.0, 12.0] * 6 + [30.0, 32.0] * 6
    result = xmr_chart(values, improvement="increase", target=20, rebase_at=[12])
    assert [s.mean for s in result.segments] == pytest.approx([11, 31])
    assert result.assurance == "consistently_passing"
    assert [p.segment for p in result.points] == [0] * 12 + [1] * 12

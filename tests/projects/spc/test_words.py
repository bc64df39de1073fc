"""A chart's findings in plain sentences."""

import datetime as dt

from projects.spc import control_chart, run_chart
from projects.spc.words import latest_finding, sentences

MONTHS = [dt.date(2025 + (m // 12), m % 12 + 1, 1) for m in range(24)]


def month(period):
    return f"{period:%B %Y}"


def test_a_run_chart_shift_is_said_with_its_side_and_months():
    before = [20.0, 22.0, 19.0, 21.0, 23.0, 20.0, 18.0, 22.0, 21.0, 20.0, 19.0, 23.0]
    after = [15.0, 17.0, 14.0, 16.0, 18.0, 15.0, 13.0, 17.0, 16.0, 15.0, 14.0, 16.0]
    said = sentences(run_chart(before + after, periods=MONTHS), month)
    assert said == [
        # 18 is the median: the two 18s are on it, so each run counts 11 points and 22 are useful.
        "A shift: 11 points in a row above the median, from January 2025 to December 2025.",
        "A shift: 11 points in a row below the median, from January 2026 to December 2026.",
        "The line crosses the median 1 time: fewer than 7 crossings in 22 points is unlikely by chance, so "
        "the process has probably changed.",
    ]


def test_control_chart_findings_name_points_outside_the_limits_and_trends():
    values = [10.0, 11.0, 10.0, 12.0, 11.0, 10.0, 11.0, 12.0, 10.0, 11.0, 10.0, 11.0, 30.0]
    said = sentences(control_chart("xmr", values, periods=MONTHS[:13]))
    assert said[0] == "A point above the upper limit, in 1 January 2026."
    # The outlier lifts the mean: the ordinary months sit below it, and the 10s close to the lower limit.
    assert "A shift: 12 points in a row below the mean, from 1 January 2025 to 1 December 2025." in said
    assert "2 points close to the lower limit (2 of 3 in a row beyond 2 sigma), from 1 January 2025 to " in (
        " ".join(said)
    )
    rising = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 3.0, 4.0, 3.0, 4.0, 3.0]
    said = sentences(control_chart("xmr", rising, periods=MONTHS[:12]), month)
    assert "A trend: 7 points each higher than the one before, from January 2025 to July 2025." in said


def test_no_signal_is_said_too_and_nothing_before_the_rules_are_tested():
    steady = [10.0, 11.0] * 8
    assert sentences(control_chart("xmr", steady)) == [
        "No signal: every point is within the limits and no rule found a pattern."
    ]
    said = sentences(run_chart(steady))
    assert said[0].startswith("No signal: the longest run (1 points)") or "crossings" in said[0]
    assert sentences(control_chart("xmr", [1.0, 2.0])) == []


def test_the_latest_finding_is_the_one_reaching_the_latest_period_and_sides_follow_the_centre_line():
    screened = [62, 58, 65, 60, 61, 59, 63, 64, 57, 60, 62, 61, 66, 60, 59, 63, 90, 91, 92, 95]
    seen = [100, 96, 104, 98, 101, 97, 100, 103, 95, 99, 102, 100, 104, 99, 97, 101, 100, 98, 99, 100]
    chart = control_chart("p", screened, sizes=seen, multiplier=100, improvement="increase")
    said = sentences(chart)
    # Points 14-16 are in an upward trend and below the mean: the shift is counted by their side.
    assert "A shift: 16 points in a row below the mean, from 1 to 16." in said
    assert latest_finding(chart) == "4 points in a row above the upper limit, from 17 to 20."
    assert latest_finding(control_chart("xmr", [1.0, 2.0])) is None

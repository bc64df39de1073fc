"""The chart drawn as an SVG, and the data table built from a chart."""

import datetime as dt
import re
import xml.dom.minidom

from projects.spc import control_chart, run_chart, xmr_chart
from projects.spc.colours import POINT_COLOURS
from projects.spc.svg import chart_svg
from projects.spc.table import chart_rows

PERIODS = [dt.date(2026, 1, 5) + dt.timedelta(weeks=i) for i in range(26)]
VALUES = [12.0, 10.0] * 6 + [20.0] + [11.0] * 13


def sample():
    return xmr_chart(VALUES, periods=PERIODS, improvement="increase", target=9, rebase_at=[13])


def words(period):
    return f"{period:%-d %b %Y}" if isinstance(period, dt.date) else str(period)


def draw(chart, **options):
    svg = chart_svg(chart, title="Falls", period_text=words, **options)
    xml.dom.minidom.parseString(svg)  # well-formed, so the page can hold it as it is
    return svg


def test_the_svg_is_well_formed_labelled_and_self_contained():
    svg = draw(sample(), unit="falls per 1,000 bed days")
    assert svg.startswith('<svg class="spc-svg"') and 'role="img"' in svg
    assert '<title id="spc-svg-title">Falls: the same data as the table below</title>' in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing from another host
    assert "falls per 1,000 bed days" in svg


def test_points_are_coloured_by_type_with_the_making_data_count_colours_and_say_why():
    svg = draw(sample())
    assert svg.count("spc-point--special_cause_improvement") == 1
    assert POINT_COLOURS["special_cause_improvement"] == "#289DE0"
    assert 'fill="#289DE0" stroke="#FFFFFF" class="spc-point spc-point--special_cause_improvement"' in svg
    assert (
        "<title>30 Mar 2026: 20, Special cause: improvement (A point outside the process limits)</title>"
        in svg
    )
    assert 'fill="#7B7D7D"' in svg  # common cause grey


def test_each_segment_has_its_own_lines_and_the_rebaseline_says_what_it_follows():
    svg = draw(sample(), rebase_labels={PERIODS[13]: "Falls huddle"})
    assert svg.count('stroke-dasharray="6 4"') == 4 + 1  # two limits per segment, and the legend's
    assert "Re-baselined after Falls huddle" in svg


def test_the_target_annotations_and_tested_changes_are_drawn():
    svg = draw(sample(), annotations={PERIODS[12]: "PDSA 2 started"}, changes={PERIODS[12]: ["1. Huddle"]})
    assert "Target (9)" in svg and 'stroke="#DE1B1B"' in svg
    assert ">PDSA 2 started</text>" in svg
    assert "<title>PDSA cycle started: 1. Huddle</title>" in svg and ">PDSA cycle started</text>" in svg


def test_trial_limits_and_varying_limits_are_drawn_as_such():
    assert "Trial limits (7 points)" in draw(xmr_chart([29, -2, 28, 23, 49, 155, 198]))
    assert "Trial limits" not in draw(xmr_chart([10, 12] * 6))
    p_chart = control_chart(
        "p", [12, 30, 11, 25, 14, 28], sizes=[40, 100, 40, 90, 45, 95], periods=PERIODS[:6], multiplier=100
    )
    limits = re.findall(r'<path d="([^"]+)"[^>]*stroke-dasharray="6 4"', draw(p_chart))
    assert len(limits) == 2 and all(path.count(" L") > 6 for path in limits)  # steps, not a straight line


def test_a_run_chart_draws_its_median_and_no_limits_and_an_empty_chart_draws_nothing():
    svg = draw(run_chart([1.0] * 5 + [9.0] * 5, periods=PERIODS[:10]))
    assert ">Median</text>" in svg and "Process limits" not in svg
    assert chart_svg(xmr_chart([]), title="Nothing") == ""


def test_the_table_has_a_row_per_period_in_words():
    rows = chart_rows(sample(), annotations={PERIODS[12]: "PDSA 2 started"})
    assert len(rows) == 26
    outlier = rows[12]
    assert outlier.type_label == "Special cause: improvement"
    assert outlier.rules == ["A point outside the process limits"]
    assert outlier.annotation == "PDSA 2 started"
    assert rows[13].starts_segment and not rows[12].starts_segment
    assert rows[0].upper_limit is not None


def test_the_table_says_when_a_period_has_no_value():
    rows = chart_rows(xmr_chart([1.0, None, 2.0]))
    assert [r.type_label for r in rows] == ["Not analysed", "No value", "Not analysed"]


def test_a_p_charts_table_shows_both_parts_and_each_periods_limits():
    chart = control_chart(
        "p", [12, 30, 11, 25, 14, 28], sizes=[40, 100, 40, 90, 45, 95], periods=PERIODS[:6], multiplier=100
    )
    rows = chart_rows(chart)
    assert (rows[0].numerator, rows[0].denominator, rows[0].value) == (12.0, 40.0, 30.0)
    assert rows[0].upper_limit > rows[1].upper_limit  # fewer patients, wider limits

"""The plotly figure and the data table built from a chart."""

import datetime as dt
import json

import plotly.graph_objects as go

from projects.spc import control_chart, run_chart, xmr_chart
from projects.spc.colours import POINT_COLOURS
from projects.spc.figure import chart_figure
from projects.spc.table import chart_rows

PERIODS = [dt.date(2026, 1, 5) + dt.timedelta(weeks=i) for i in range(26)]
VALUES = [12.0, 10.0] * 6 + [20.0] + [11.0] * 13


def sample():
    return xmr_chart(VALUES, periods=PERIODS, improvement="increase", target=9, rebase_at=[13])


def test_the_figure_is_valid_for_plotly_and_json():
    figure = chart_figure(sample(), title="Falls", unit="falls per 1,000 bed days")
    go.Figure(data=figure["data"], layout=figure["layout"])  # raises on anything plotly does not accept
    json.dumps(figure, allow_nan=False)
    assert figure["config"] == {"displayModeBar": False, "responsive": True}


def test_points_are_coloured_by_type_with_the_making_data_count_colours():
    figure = chart_figure(sample())
    traces = {t["name"]: t for t in figure["data"]}
    improvement = traces["Special cause: improvement"]
    assert improvement["marker"]["color"] == POINT_COLOURS["special_cause_improvement"] == "#289DE0"
    assert improvement["x"] == ["2026-03-30"]
    assert traces["Common cause"]["marker"]["color"] == "#7B7D7D"


def test_each_segment_has_its_own_centre_line_and_limits_and_the_rebaseline_is_marked():
    figure = chart_figure(sample())
    means = [t for t in figure["data"] if t.get("legendgroup") == "centre"]
    assert [m["x"] for m in means] == [["2026-01-05", "2026-03-30"], ["2026-04-06", "2026-06-29"]]
    limits = [t for t in figure["data"] if t.get("legendgroup") == "limits"]
    assert len(limits) == 4
    assert figure["layout"]["shapes"][0]["x0"] == "2026-04-06"
    assert figure["layout"]["annotations"][0]["text"] == "Re-baselined"


def test_the_target_and_annotations_are_drawn():
    figure = chart_figure(sample(), annotations={PERIODS[12]: "PDSA 2 started"})
    target = next(t for t in figure["data"] if t["name"].startswith("Target"))
    assert target["y"] == [9, 9]
    note = next(a for a in figure["layout"]["annotations"] if a["text"] == "PDSA 2 started")
    assert (note["x"], note["y"]) == ("2026-03-30", 20.0)


def test_a_run_chart_draws_its_median_and_no_limits():
    figure = chart_figure(run_chart([1.0] * 5 + [9.0] * 5))
    names = [t["name"] for t in figure["data"]]
    assert "Median" in names
    assert "Process limits" not in names


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


def test_an_empty_chart_draws_an_empty_figure():
    figure = chart_figure(xmr_chart([]))
    assert [t["name"] for t in figure["data"]] == ["Value"]


def test_a_p_charts_limits_are_drawn_as_steps_and_the_table_shows_both_parts():
    chart = control_chart(
        "p", [12, 30, 11, 25, 14, 28], sizes=[40, 100, 40, 90, 45, 95], periods=PERIODS[:6], multiplier=100
    )
    figure = chart_figure(chart, unit="% screened")
    go.Figure(data=figure["data"], layout=figure["layout"])
    limits = [t for t in figure["data"] if t.get("legendgroup") == "limits"]
    assert [t["line"]["shape"] for t in limits] == ["hvh", "hvh"]
    assert len(limits[1]["y"]) == 6 and len(set(limits[1]["y"])) > 1
    rows = chart_rows(chart)
    assert (rows[0].numerator, rows[0].denominator, rows[0].value) == (12.0, 40.0, 30.0)
    assert rows[0].upper_limit > rows[1].upper_limit  # fewer patients, wider limits

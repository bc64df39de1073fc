"""The chart's JSON is the API's shape (issue: GET /api/v1/measures/{id}/chart/)."""

import datetime as dt
import json

import pytest

from projects.spc import run_chart, xmr_chart

API_KEYS = {
    "chart",
    "mean",
    "median",
    "lower_limit",
    "upper_limit",
    "points",
    "variation",
    "assurance",
    "signals",
    "longest_run",
    "crossings",
}


def weekly(n):
    return [dt.date(2026, 1, 5) + dt.timedelta(weeks=i) for i in range(n)]


def test_the_xmr_dict_has_the_api_fields_and_is_json():
    values = [10.0, 12.0] * 6 + [20.0]
    data = xmr_chart(values, periods=weekly(13), improvement="increase", target=5).to_dict()
    assert set(data) >= API_KEYS
    assert set(data) - API_KEYS == {
        "rule_set",
        "rule_set_key",
        "chart_name",
        "multiplier",
        "segments",
        "notes",
        "icons_rule_set",
        "minimum_points",
    }
    assert data["chart"] == "xmr"
    assert data["rule_set_key"] == "making_data_count"
    assert data["icons_rule_set"] == "Making Data Count (NHS England)"
    assert data["minimum_points"] == {"limits": 5, "settled_limits": 12, "run_chart_rules": 10}
    assert data["icons_rule_set"] == "Making Data Count (NHS England)"
    assert data["minimum_points"] == {"limits": 5, "settled_limits": 12, "run_chart_rules": 10}
    assert data["rule_set"].startswith("Making Data Count (NHS England): a point outside the limits")
    mean = (12 * 11 + 20) / 13
    assert data["points"][-1] == {
        "period": "2026-03-30",
        "value": 20.0,
        "numerator": None,
        "denominator": None,
        "type": "special_cause_improvement",
        "rules": ["outside_limits"],
        "centre": pytest.approx(mean),
        "lower_limit": pytest.approx(mean - 2.66 * 2.5),
        "upper_limit": pytest.approx(mean + 2.66 * 2.5),
        "excluded": False,
    }
    assert data["variation"] == "improvement_high"
    assert data["assurance"] == "consistently_passing"
    assert data["signals"] == [
        {"rule": "outside_limits", "label": "A point outside the process limits", "periods": ["2026-03-30"]}
    ]
    assert data["segments"][0]["start"] == "2026-01-05"
    json.dumps(data, allow_nan=False)


def test_the_run_dict_names_its_chart_and_has_no_limits():
    data = run_chart([1.0] * 5 + [9.0] * 5, periods=weekly(10)).to_dict()
    assert data["chart"] == "run"
    assert data["median"] == 5
    assert data["lower_limit"] is None and data["upper_limit"] is None
    assert data["signals"][0]["rule"] == "few_crossings"
    assert data["variation"] is None
    json.dumps(data, allow_nan=False)

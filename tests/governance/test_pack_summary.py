"""The board pack's summary rules: the change since the last pack and the status against a target."""

from __future__ import annotations

import pytest

from governance.pack_summary import change, status, status_counts, summary_rows


@pytest.mark.parametrize(
    "now, before, said",
    [
        (12, 9, "+3"),
        (9, 12, "\u22123"),
        (1500, 250, "+1,250"),
        (7.5, 7.0, "+0.5"),
        (4, 4, "No change"),
        ("55%", "50%", "Was 50%"),
        ("Developing", "Developing", "No change"),
        (4, None, "New figure"),
    ],
)
def test_change_since_the_last_pack(now, before, said):
    assert change(now, before, had_pack=True) == said


def test_the_first_pack_has_nothing_to_compare_with():
    assert change(4, None, had_pack=False) == "First pack"


@pytest.mark.parametrize(
    "value, target, rag",
    [
        (50, 50, "Green"),
        (51, 50, "Green"),
        (38, 50, "Amber"),  # 76% of the target
        (37.5, 50, "Amber"),  # exactly three quarters
        (37, 50, "Red"),
        (0, 50, "Red"),
        (10, None, ""),  # no target, no status
        (10, 0, ""),  # a target of nothing is no target
        ("55%", 50, ""),
        (True, 1, ""),
    ],
)
def test_status_against_a_target(value, target, rag):
    assert status(value, target) == rag


def test_rows_follow_the_dashboards_and_compare_the_same_figure_of_the_same_dashboard():
    now = {
        "Capacity": [
            {"label": "Improvement coaches", "value": 41, "target": 50},
            {"label": "Hours", "value": 9},
        ],
        "Portfolio": [{"label": "Active projects", "value": 30}],
    }
    before = {"Capacity": [{"label": "Improvement coaches", "value": 38}], "Portfolio": []}

    rows = summary_rows(now, before)

    assert [(r.dashboard, r.label, r.value, r.change, r.status) for r in rows] == [
        ("Capacity", "Improvement coaches", 41, "+3", "Amber"),
        ("Capacity", "Hours", 9, "New figure", ""),
        ("Portfolio", "Active projects", 30, "New figure", ""),
    ]
    assert status_counts(rows) == {"Green": 0, "Amber": 1, "Red": 0}

"""The portfolio dashboard's arithmetic on hand-checked rows (pure: no database)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from dashboards.shape import check
from projects.portfolio_dashboard import ProjectRow, active_in, figures

D = datetime.date
STATUSES = [
    ("idea", "Idea"),
    ("testing", "Testing changes"),
    ("completed", "Completed"),
    ("stopped", "Stopped"),
]
SCORES = [Decimal("0.5"), Decimal("2.5"), Decimal("4.0"), Decimal("5.0")]
PROJECTS = [
    ProjectRow(
        1,
        "testing",
        Decimal("2.5"),
        D(2025, 1, 1),
        None,
        ("Alpha",),
        ("Gloucester",),
        ("Frailty", "Mental health"),
    ),
    ProjectRow(
        2, "completed", Decimal("4.0"), D(2023, 1, 1), D(2024, 3, 31), ("Alpha", "Beta"), (), ("Frailty",)
    ),
    ProjectRow(3, "idea", Decimal("0.5"), None, None, (), ("Cheltenham",), ()),
]
MEASURES = [
    (1, "improvement_low"),
    (1, "common_cause"),
    (2, "improvement_high"),
    (2, "concern_high"),
    (3, None),
    (99, "improvement_high"),  # a project not shown (filtered out or unpublished)
]


def _chart(data, chart_id):
    return next(c for c in data["charts"] if c["id"] == chart_id)


def test_projects_by_status_priority_organisation_place_and_score():
    data = check(figures(PROJECTS, MEASURES, STATUSES, SCORES))

    assert _chart(data, "projects-by-status")["rows"] == [
        ["Idea", 1],
        ["Testing changes", 1],
        ["Completed", 1],
        ["Stopped", 0],
    ]
    assert _chart(data, "projects-by-priority")["rows"] == [
        ["Frailty", 2],
        ["Mental health", 1],
        ["None recorded", 1],
    ]
    assert _chart(data, "projects-by-organisation")["rows"] == [
        ["Alpha", 2],
        ["Beta", 1],
        ["None recorded", 1],
    ]
    assert _chart(data, "projects-by-place")["rows"] == [
        ["Cheltenham", 1],
        ["Gloucester", 1],
        ["None recorded", 1],
    ]
    assert _chart(data, "progress-scores")["rows"] == [["0.5", 1], ["2.5", 1], ["4.0", 1], ["5.0", 0]]


def test_measures_by_variation_and_the_headline():
    data = figures(PROJECTS, MEASURES, STATUSES, SCORES)

    assert _chart(data, "measures-by-variation")["rows"] == [
        ["Special cause improvement", 2],
        ["Special cause concern", 1],
        ["Special cause, neither better nor worse", 0],
        ["Common cause variation", 1],
        ["No icon yet (too few points)", 1],
    ]
    # three projects, two still active, two measures improving in two projects
    assert [h["value"] for h in data["headline"]] == [3, 2, 2, 2]


def test_a_project_is_active_in_a_period_it_overlaps():
    start, end = D(2025, 4, 1), D(2026, 3, 31)  # both days included
    assert [p.id for p in PROJECTS if active_in(p, start, end)] == [1, 3]
    assert active_in(ProjectRow(4, "idea", Decimal("0.5"), D(2026, 4, 1)), start, end) is False
    assert active_in(ProjectRow(6, "idea", Decimal("0.5"), D(2026, 3, 31)), start, end) is True
    assert active_in(ProjectRow(5, "idea", Decimal("0.5"), None, D(2025, 4, 1)), start, end) is True

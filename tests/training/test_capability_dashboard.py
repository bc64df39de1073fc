"""The capability dashboard's arithmetic on a hand-checked table (pure: no database)."""

from __future__ import annotations

import datetime

from dashboards.shape import check
from training import figures
from training.capability_dashboard import figures as capability

D = datetime.date
ORGS = {1: "Beta Trust", 2: "Alpha Council"}
START, END = D(2025, 4, 1), D(2026, 3, 31)


def _rows():
    def row(person, org, level, status, on, competent=False, strand="improvement"):
        return {
            "person": person,
            "organisation": org,
            "programme": level,
            "provider": 1,
            "level": level,
            "strand": strand,
            "competent": competent,
            "status": status,
            "completed_on": on,
        }

    return figures.as_frame(
        [
            row(1, 1, "foundation", "completed", D(2025, 5, 1)),
            row(1, 1, "practitioner", "completed", D(2025, 6, 10), competent=True),
            row(2, 1, "awareness", "completed", D(2024, 1, 15)),
            row(3, 2, "advanced", "graduated", D(2024, 12, 1), competent=True),
            row(3, 2, "leadership", "completed", D(2025, 7, 3)),
            row(4, 2, "practitioner", "booked", None, competent=True),  # not finished: not counted
            row(5, None, "foundation", "completed", D(2025, 6, 20)),
            row(6, 1, "awareness", "completed", D(2025, 6, 1), strand="human_factors"),  # off the ladder
        ]
    )


def _chart(data, chart_id):
    return next(c for c in data["charts"] if c["id"] == chart_id)


def test_cumulative_levels_per_organisation_and_improvers_against_targets():
    data = check(capability(_rows(), ORGS, {None: 10, 1: 4}, START, END, period_filtered=False))

    assert _chart(data, "trained-by-level")["rows"] == [
        ["Awareness", 1],
        ["Foundation", 1],
        ["Practitioner", 1],
        ["Advanced / expert", 0],
        ["Leadership and coaching", 1],
    ]
    assert _chart(data, "trained-by-organisation")["rows"] == [
        ["Alpha Council", 0, 0, 0, 0, 1],
        ["Beta Trust", 1, 0, 1, 0, 0],
        ["No organisation", 0, 1, 0, 0, 0],
    ]
    # person 1 became competent in the period; person 3 before it
    assert _chart(data, "improvers-against-target")["rows"] == [
        ["Alpha Council", 0, None, None, None, 1],
        ["Beta Trust", 1, 4, 3, 25, 1],
        ["Whole system", 1, 10, 9, 10, 2],
    ]
    assert _chart(data, "completions-by-month")["rows"] == [["May 2025", 1], ["Jun 2025", 3], ["Jul 2025", 1]]
    assert [h["value"] for h in data["headline"]] == [4, 2, 1, 10]


def test_a_period_filter_counts_only_people_trained_in_it_at_the_level_reached_in_it():
    data = capability(_rows(), ORGS, {}, START, END, period_filtered=True)

    assert _chart(data, "trained-by-level")["rows"] == [
        ["Awareness", 0],
        ["Foundation", 1],
        ["Practitioner", 1],
        ["Advanced / expert", 0],
        ["Leadership and coaching", 1],
    ]
    assert _chart(data, "trained-by-organisation")["rows"][0] == ["Alpha Council", 0, 0, 0, 0, 1]
    assert data["headline"][0]["value"] == 3
    assert data["headline"][3]["value"] is None  # no target set for the period


def test_no_records_gives_zeros_not_an_error():
    data = check(capability(figures.as_frame([]), ORGS, {}, START, END, period_filtered=False))
    assert [h["value"] for h in data["headline"]] == [0, 0, 0, None]
    assert _chart(data, "improvers-against-target")["rows"][-1] == ["Whole system", 0, None, None, None, 0]

"""Reporting periods, one definition: the NHS financial year and the named periods, both ends included."""

from __future__ import annotations

import datetime
from datetime import date as D

import pytest

from core import periods


def test_the_financial_year_runs_from_1_april_to_31_march():
    assert periods.financial_year(D(2026, 2, 10)) == (D(2025, 4, 1), D(2026, 3, 31))
    assert periods.financial_year(D(2026, 4, 1)) == (D(2026, 4, 1), D(2027, 3, 31))
    assert periods.financial_year_of(D(2026, 3, 31)) == 2025
    assert periods.financial_year_label(2026) == "2026/27"


def test_dashboard_periods_include_both_ends():
    today = D(2026, 12, 1)
    assert periods.dashboard_period("fy2026", today) == (D(2026, 4, 1), D(2027, 3, 31))
    assert periods.dashboard_period("last-12-months", today) == (D(2025, 12, 2), D(2026, 12, 1))
    assert periods.dashboard_period("last-12-months", D(2028, 2, 29)) == (D(2027, 3, 1), D(2028, 2, 29))
    assert periods.dashboard_period("fy26", today) is None
    assert periods.dashboard_period("nonsense", today) is None


def test_dashboard_period_choices_start_with_the_current_financial_year():
    choices = periods.dashboard_period_choices(D(2027, 2, 10), years=2)
    assert choices == [("last-12-months", "Last 12 months"), ("fy2026", "2026/27"), ("fy2025", "2025/26")]


def test_figures_periods_follow_the_financial_year():
    assert periods.figures_period("fytd", D(2026, 2, 10)) == (D(2025, 4, 1), D(2026, 2, 10))
    assert periods.figures_period("fytd", D(2026, 4, 1)) == (D(2026, 4, 1), D(2026, 4, 1))
    assert periods.figures_period("last_fy", D(2026, 2, 10)) == (D(2024, 4, 1), D(2025, 3, 31))
    assert periods.figures_period("cytd", D(2026, 2, 10)) == (D(2026, 1, 1), D(2026, 2, 10))
    assert periods.figures_period("all", D(2026, 2, 10)) == (None, None)
    with pytest.raises(ValueError):
        periods.figures_period("decade", D(2026, 2, 10))


def test_every_dashboard_period_is_a_whole_number_of_days_ending_where_it_says():
    today = D(2026, 12, 1)
    for name, _ in periods.dashboard_period_choices(today):
        start, end = periods.dashboard_period(name, today) or (None, None)
        assert start is not None and end is not None and start <= end
        assert (end - start) < datetime.timedelta(days=366)

"""Data due: the periods a measure's team has not recorded yet, at the measure's own frequency."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from projects.measurement.due import describe, missing_periods
from tests.projects.measurement.factories import DataPointFactory, MeasureFactory

TODAY = dt.date(2026, 12, 3)


def test_weekly_periods_line_up_with_the_first_recorded_one_and_only_ended_weeks_are_due():
    recorded = [dt.date(2026, 10, 5) + dt.timedelta(weeks=i) for i in (0, 1, 3, 4)]
    # Weeks of 5, 12, (19), 26 Oct, 2 Nov recorded; 9 Nov to 23 Nov ended without a value; 30 Nov runs on.
    assert missing_periods("weekly", recorded, TODAY) == [
        dt.date(2026, 10, 19),
        dt.date(2026, 11, 9),
        dt.date(2026, 11, 16),
        dt.date(2026, 11, 23),
    ]


@pytest.mark.parametrize(
    "frequency, recorded, missing",
    [
        ("monthly", [dt.date(2026, 9, 1), dt.date(2026, 10, 1)], [dt.date(2026, 11, 1)]),
        (
            "monthly",
            [dt.date(2026, 1, 31)],
            [
                dt.date(2026, m, d)
                for m, d in ((2, 28), (3, 28), (4, 28), (5, 28), (6, 28), (7, 28), (8, 28), (9, 28), (10, 28))
            ],
        ),
        ("quarterly", [dt.date(2026, 4, 1)], [dt.date(2026, 7, 1)]),
        ("daily", [dt.date(2026, 11, 30)], [dt.date(2026, 12, 1), dt.date(2026, 12, 2)]),
        ("other", [dt.date(2020, 1, 1)], []),
        ("weekly", [], []),
    ],
)
def test_each_frequency_has_its_own_schedule(frequency, recorded, missing):
    assert missing_periods(frequency, recorded, TODAY) == missing


def test_the_missing_periods_are_said_in_words():
    assert describe("weekly", [dt.date(2026, 11, 9), dt.date(2026, 11, 16)]) == (
        "No value yet for the weeks of 9 November 2026 and 16 November 2026."
    )
    months = [dt.date(2026, m, 1) for m in range(1, 10)]
    assert describe("monthly", months) == (
        "No value yet for April 2026, May 2026, June 2026, July 2026, August 2026 and September 2026 "
        "(9 in all; the latest 6 are named)."
    )
    assert describe("weekly", []) == ""


@pytest.mark.django_db
def test_the_measure_page_says_which_periods_are_missing(member, client_for):
    measure = MeasureFactory(frequency="monthly")
    DataPointFactory(measure=measure, period=dt.date(2025, 1, 1))
    html = (
        client_for(member).get(reverse("projects:measure_detail", kwargs={"pk": measure.pk})).content.decode()
    )
    assert 'id="data-due"' in html and "No value yet for" in html

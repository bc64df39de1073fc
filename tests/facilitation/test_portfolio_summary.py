"""Portfolio summary tallies. No database."""

from __future__ import annotations

from decimal import Decimal

from facilitation.portfolio import Row, summarise


def test_it_counts_requests_and_hours_in_each_dimension():
    rows = [
        Row("Accepted", "Coaching", "Frailty", ("GHFT", "GHC"), "Cheltenham", Decimal("6")),
        Row("In progress", "Coaching", "Frailty", ("GHFT",), "Gloucester", Decimal("4.5")),
        Row("In the queue", "", "", (), ""),
    ]

    summary = summarise(rows)

    status = dict(summary["status"])
    assert status["Accepted"].requests == 1
    support = dict(summary["support_level"])
    assert support["Coaching"].requests == 2
    assert support["Coaching"].hours_per_month == Decimal("10.5")
    assert support["Not given"].requests == 1
    organisations = dict(summary["organisation"])
    assert organisations["GHFT"].requests == 2
    assert organisations["GHC"].hours_per_month == Decimal("6")
    assert organisations["Not given"].requests == 1
    assert summary["priority"][0][0] == "Frailty"  # largest first
    assert dict(summary["place"])["Not given"].hours_per_month == 0


def test_an_empty_portfolio_has_empty_tables():
    assert all(table == [] for table in summarise([]).values())

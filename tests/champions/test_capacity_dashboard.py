"""The capacity dashboard's arithmetic on hand-checked data (pure: no database)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from champions import capacity, dosage
from dashboards.shape import check
from governance.builders.capacity import Hours, figures

D = datetime.date


def _report():
    return dosage.dosage(
        [dosage.OrganisationInput(1, "Beta Trust", 1000), dosage.OrganisationInput(2, "Alpha Council", 450)],
        {1: dosage.RegisterCount(experts=1, coaches=2)},
        {2: (3, 10)},
    )


def _hours():
    def period(start, end):
        return capacity.Period(start, end)

    return [
        Hours(
            1,
            capacity.Agreement(Decimal("8"), period(D(2026, 1, 1), D(2027, 1, 31))),
            (
                capacity.Commitment(Decimal("3"), period(D(2026, 11, 15), D(2027, 2, 28))),
                capacity.Commitment(Decimal("2.5"), period(D(2026, 12, 10), D(2026, 12, 20))),
            ),
        ),
        Hours(1, capacity.Agreement(Decimal("4"), period(D.min, D.max))),
        Hours(
            2,
            capacity.Agreement(Decimal("0"), None),
            (capacity.Commitment(Decimal("1"), period(D(2026, 12, 1), D(2026, 12, 31))),),
        ),
    ]


def _chart(data, chart_id):
    return next(c for c in data["charts"] if c["id"] == chart_id)


def test_dosage_hours_and_teams_per_organisation_and_for_the_system():
    report = _report()
    data = check(figures(report.organisations, report.system, _hours(), D(2026, 12, 1)))

    # 1,000 staff: 50 coaches and 4 experts wanted; 450: 23 (22.5 rounded up) and 2; system 1,450: 73 and 6
    assert _chart(data, "coaches-against-target")["rows"] == [
        ["Beta Trust", 2, 50, 48, 2, 0],
        ["Alpha Council", 10, 23, 13, 0, 10],
        ["Whole system", 12, 73, 61, 2, 10],
    ]
    assert _chart(data, "experts-against-target")["rows"] == [
        ["Beta Trust", 1, 4, 3, 1, 0],
        ["Alpha Council", 3, 2, -1, 0, 3],
        ["Whole system", 4, 6, 2, 1, 3],
    ]
    # December 2026: Beta agreed 8 + 4, committed 3 + 2.5; Alpha's champion has nothing agreed
    assert _chart(data, "hours-by-organisation")["rows"] == [
        ["Beta Trust", 12, 5.5, 6.5],
        ["Alpha Council", 0, 1, 0],
    ]
    # The 8 hours agreed until January are not a cliff: they are shown as awaiting renewal after it.
    assert _chart(data, "hours-by-month")["rows"] == [
        ["Dec 2026", 12, 6.5, 0],
        ["Jan 2027", 12, 3, 0],
        ["Feb 2027", 4, 3, 8],
        ["Mar 2027", 4, 0, 8],
        ["Apr 2027", 4, 0, 8],
        ["May 2027", 4, 0, 8],
    ]
    assert _chart(data, "teams-supported")["rows"] == [
        ["Beta Trust", 2, 6, 8],
        ["Alpha Council", 0, 0, 0],
        ["Whole system", 2, 6, 8],
    ]
    assert [h["value"] for h in data["headline"]] == [12, 73, 4, 6, 12, 6.5]
    assert any("facilitation requests are not recorded" in note for note in data["notes"])


def test_one_organisation_is_listed_once():
    report = _report()
    beta = report.organisations[0]
    data = figures([beta], beta, _hours()[:2], D(2026, 12, 1))
    assert _chart(data, "coaches-against-target")["rows"] == [["Beta Trust", 2, 50, 48, 2, 0]]


def test_teams_the_coaches_can_support_are_set_against_accepted_requests():
    report = _report()
    accepted = ({1: 7, 2: 1}, 7)  # one request is shared by both organisations

    data = check(figures(report.organisations, report.system, _hours(), D(2026, 12, 1), accepted=accepted))

    assert _chart(data, "teams-supported")["rows"] == [
        ["Beta Trust", 2, 6, 8, 7],
        ["Alpha Council", 0, 0, 0, 1],
        ["Whole system", 2, 6, 8, 7],
    ]
    assert any("accepted or in progress" in note for note in data["notes"])

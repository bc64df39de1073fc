"""The directory's free hours this month are computed in SQL (to filter and sort by them); they must be
the capacity module's figure for every shape of agreement and commitment, including the month edges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from champions import capacity, selectors, services
from tests.champions.factories import ChampionFactory, CommitmentFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 3)
MONTH = capacity.Month.of(TODAY)
FIRST, LAST = MONTH.first_day, MONTH.last_day
DAY = dt.timedelta(days=1)

# (agreed hours, agreed from, agreed until, [(hours, start, end), ...])
CASES = [
    (D("10"), None, None, []),
    (D("0"), None, None, [(D("2"), FIRST, LAST)]),
    (D("8"), LAST, None, [(D("3"), LAST, LAST)]),  # agreed from the month's last day
    (D("8"), None, FIRST, [(D("3"), FIRST - DAY * 40, FIRST)]),  # agreed until its first day
    (D("8"), LAST + DAY, None, []),  # agreed from next month: nothing this month
    (D("8"), None, FIRST - DAY, [(D("1"), FIRST - DAY, FIRST - DAY)]),  # ended last month
    (D("6"), FIRST, LAST, [(D("2.5"), FIRST, FIRST), (D("2.5"), LAST, LAST + DAY * 90)]),
    (D("4"), None, None, [(D("3"), FIRST, LAST), (D("3"), FIRST, LAST)]),  # over-committed
    (D("7.5"), FIRST - DAY * 200, LAST + DAY * 200, [(D("0.5"), LAST + DAY, LAST + DAY * 30)]),
]


def test_free_agreed_and_committed_hours_in_sql_match_the_capacity_module():
    made = []
    for hours, agreed_from, agreed_until, commitments in CASES:
        champion = ChampionFactory(
            hours_per_month=hours, capacity_start=agreed_from, capacity_end=agreed_until
        )
        for committed, start, end in commitments:
            CommitmentFactory(champion=champion, hours_per_month=committed, start=start, end=end)
        made.append(champion)

    rows = {c.pk: c for c in selectors.with_free_now(selectors.listed(), TODAY)}

    this_month = capacity.Period(FIRST, LAST)
    for champion in made:
        agreement = services.agreement_of(champion)
        commitments = services.commitments_of(champion, this_month)
        figures = capacity.monthly(agreement, commitments, this_month)[0]
        row = rows[champion.pk]
        assert (row.agreed_now, row.committed_now, row.free_now) == (
            figures.agreed,
            figures.committed,
            capacity.free_hours(agreement, commitments, this_month),
        ), champion

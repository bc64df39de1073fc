"""Free time for a suggestion over the assignment's own period, when agreements end inside, at or after it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from champions.capacity import (
    Agreement,
    Availability,
    Candidate,
    Commitment,
    Need,
    Period,
    availability,
    rank,
)

ASSIGNMENT = Period(dt.date(2026, 12, 1), dt.date(2027, 5, 31))  # December to May


def agreed(hours: str, start: dt.date, end: dt.date) -> Agreement:
    return Agreement(D(hours), Period(start, end))


def test_an_agreement_ending_inside_the_period_gives_its_free_time_until_its_end():
    agreement = agreed("6", dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    assert availability(agreement, [], ASSIGNMENT) == Availability(D("6"), dt.date(2027, 3, 31))


def test_an_agreement_ending_at_the_periods_end_covers_it_all():
    agreement = agreed("6", dt.date(2026, 4, 1), dt.date(2027, 5, 31))
    assert availability(agreement, [], ASSIGNMENT) == Availability(D("6"), None)


def test_an_agreement_ending_after_the_period_covers_it_all():
    agreement = agreed("6", dt.date(2026, 4, 1), dt.date(2028, 3, 31))
    assert availability(agreement, [], ASSIGNMENT) == Availability(D("6"), None)


def test_commitments_in_the_covered_months_reduce_the_free_time():
    agreement = agreed("6", dt.date(2026, 4, 1), dt.date(2027, 3, 31))
    busy = [Commitment(D("4"), Period(dt.date(2027, 2, 1), dt.date(2027, 2, 28)))]
    assert availability(agreement, busy, ASSIGNMENT) == Availability(D("2"), dt.date(2027, 3, 31))


def test_no_agreement_or_one_outside_the_period_is_no_free_time():
    assert availability(Agreement(D("6"), None), [], ASSIGNMENT).free_hours == 0
    before = agreed("6", dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    assert availability(before, [], ASSIGNMENT).free_hours == 0


def _candidate(name: str, free: str, until: dt.date | None) -> Candidate:
    return Candidate(
        key=hash(name),
        name=name,
        methods=frozenset({"pdsa"}),
        topic_ids=frozenset(),
        place_ids=frozenset(),
        free_hours=D(free),
        free_until=until,
        method_labels={"pdsa": "Model for Improvement / PDSA"},
    )


def test_a_champion_whose_agreement_ends_soon_is_shown_with_the_date_not_hidden():
    ranked = rank(
        Need(methods=frozenset({"pdsa"}), hours_per_month=D("4")),
        [_candidate("Asha", "6", dt.date(2027, 3, 31)), _candidate("Ben", "6", None)],
    )
    assert [r.candidate.name for r in ranked] == ["Ben", "Asha"]  # the whole period first
    assert all(r.has_time for r in ranked)
    assert "6 hours a month free until 31 March 2027; agreement not yet renewed" in ranked[1].reasons

"""Capacity arithmetic and the override rule (pure, no database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from champions.capacity import (
    Agreement,
    Candidate,
    Commitment,
    Month,
    Need,
    Period,
    check_commitment,
    committed_hours,
    free_hours,
    monthly,
    rank,
)

YEAR = Period(dt.date(2026, 4, 1), dt.date(2027, 3, 31))
AGREED_10 = Agreement(D("10"), YEAR)


def c(hours: str, start: tuple[int, int, int], end: tuple[int, int, int]) -> Commitment:
    return Commitment(D(hours), Period(dt.date(*start), dt.date(*end)))


def test_free_capacity_is_agreed_minus_assigned_in_the_same_period():
    commitments = [c("4", (2026, 4, 1), (2026, 6, 30))]

    assert free_hours(AGREED_10, commitments, Period(dt.date(2026, 4, 1), dt.date(2026, 4, 30))) == D("6")
    assert free_hours(AGREED_10, commitments, Period(dt.date(2026, 7, 1), dt.date(2026, 7, 31))) == D("10")


def test_overlapping_commitments_add_up_only_in_the_months_they_share():
    commitments = [c("4", (2026, 4, 1), (2026, 6, 30)), c("3", (2026, 6, 1), (2026, 8, 31))]
    figures = {
        m.month: m.committed
        for m in monthly(AGREED_10, commitments, Period(dt.date(2026, 4, 1), dt.date(2026, 9, 30)))
    }

    assert figures[Month(2026, 5)] == D("4")
    assert figures[Month(2026, 6)] == D("7")
    assert figures[Month(2026, 7)] == D("3")
    assert figures[Month(2026, 9)] == D("0")
    # Over a period the free figure is what can be promised for all of it: the busiest month decides.
    assert free_hours(AGREED_10, commitments, Period(dt.date(2026, 4, 1), dt.date(2026, 8, 31))) == D("3")
    assert committed_hours(commitments, Period(dt.date(2026, 4, 1), dt.date(2026, 8, 31))) == D("7")


def test_a_commitment_counts_in_every_month_its_period_touches():
    commitments = [c("5", (2026, 4, 30), (2026, 5, 1))]

    assert free_hours(AGREED_10, commitments, Period.month_of(dt.date(2026, 4, 15))) == D("5")
    assert free_hours(AGREED_10, commitments, Period.month_of(dt.date(2026, 5, 15))) == D("5")


def test_no_capacity_outside_the_agreed_period():
    assert free_hours(AGREED_10, [], Period.month_of(dt.date(2027, 4, 10))) == D("0")
    assert free_hours(Agreement(D("10"), None), [], Period.month_of(dt.date(2026, 5, 1))) == D("0")


def test_free_capacity_never_shows_below_zero_even_when_over_committed():
    commitments = [c("12", (2026, 4, 1), (2026, 4, 30))]
    april = monthly(AGREED_10, commitments, Period.month_of(dt.date(2026, 4, 1)))[0]

    assert free_hours(AGREED_10, commitments, Period.month_of(dt.date(2026, 4, 1))) == D("0")
    assert april.balance == D("-2")
    assert april.over_committed == D("2")


def test_it_refuses_to_overcommit_a_champion():
    existing = [c("6", (2026, 4, 1), (2026, 12, 31))]
    check = check_commitment(AGREED_10, existing, c("5", (2026, 11, 1), (2027, 1, 31)))

    assert check.refused
    assert not check.overridden
    assert [m.month for m in check.short_months] == [Month(2026, 11), Month(2026, 12)]
    assert "over-commit" in check.message and "November 2026" in check.message
    assert "override" in check.message


def test_it_allows_a_commitment_that_fits_exactly():
    existing = [c("6", (2026, 4, 1), (2026, 12, 31))]
    check = check_commitment(AGREED_10, existing, c("4", (2026, 4, 1), (2026, 12, 31)))

    assert check.allowed and not check.overridden and check.short_months == ()


def test_an_override_needs_a_reason():
    existing = [c("8", (2026, 4, 1), (2026, 6, 30))]
    new = c("4", (2026, 5, 1), (2026, 5, 31))

    assert check_commitment(AGREED_10, existing, new, override_reason="   ").refused
    allowed = check_commitment(AGREED_10, existing, new, override_reason="Covering a colleague's leave")
    assert allowed.allowed and allowed.overridden
    assert "Covering a colleague's leave" in allowed.message


def test_it_refuses_zero_or_negative_hours():
    assert check_commitment(AGREED_10, [], c("0", (2026, 5, 1), (2026, 5, 31))).refused


def test_a_commitment_beyond_the_agreed_period_is_refused():
    check = check_commitment(AGREED_10, [], c("2", (2027, 3, 1), (2027, 4, 30)))

    assert check.refused
    assert [m.month for m in check.short_months] == [Month(2027, 4)]


def test_a_period_cannot_run_backwards():
    with pytest.raises(ValueError):
        Period(dt.date(2026, 5, 2), dt.date(2026, 5, 1))


def test_months_cross_the_year_end():
    assert list(Period(dt.date(2026, 11, 15), dt.date(2027, 2, 1)).months()) == [
        Month(2026, 11),
        Month(2026, 12),
        Month(2027, 1),
        Month(2027, 2),
    ]


@pytest.mark.parametrize(
    ("month", "first", "last"),
    [
        (Month(2026, 1), dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
        (Month(2026, 2), dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        (Month(2028, 2), dt.date(2028, 2, 1), dt.date(2028, 2, 29)),
        (Month(2026, 4), dt.date(2026, 4, 1), dt.date(2026, 4, 30)),
        (Month(2026, 12), dt.date(2026, 12, 1), dt.date(2026, 12, 31)),
    ],
)
def test_a_month_knows_its_first_and_last_day(month: Month, first: dt.date, last: dt.date):
    assert (month.first_day, month.last_day) == (first, last)
    assert month.next().first_day == last + dt.timedelta(days=1)


def _candidate(
    key: int, name: str, methods: set[str], topics: set[int], places: set[int], free: str
) -> Candidate:
    return Candidate(key, name, frozenset(methods), frozenset(topics), frozenset(places), D(free))


def test_ranking_puts_champions_with_enough_time_first_then_the_best_match():
    need = Need(frozenset({"process_mapping"}), frozenset({1}), frozenset({10, 11}), D("4"))
    best_but_busy = _candidate(1, "Ann", {"process_mapping"}, {1}, {10}, "2")
    good_with_time = _candidate(2, "Bob", {"process_mapping"}, set(), {11}, "8")
    method_only = _candidate(3, "Cat", {"process_mapping"}, set(), set(), "20")
    nothing = _candidate(4, "Dan", {"lean"}, {5}, {99}, "30")

    ranked = rank(need, [best_but_busy, nothing, method_only, good_with_time])

    assert [r.candidate.name for r in ranked] == ["Bob", "Cat", "Ann"]
    assert ranked[0].score == 3 + 2
    assert ranked[2].score == 3 + 2 + 2
    assert ranked[0].reasons[0] == "Supports process_mapping"
    assert "8 hours a month free" in ranked[0].reasons
    assert "Only 2 hours a month free (asked for 4)" in ranked[2].reasons


def test_ranking_uses_labels_in_reasons_and_breaks_ties_by_free_time():
    need = Need(methods=frozenset({"lean"}))
    a = Candidate(1, "Ann", frozenset({"lean"}), frozenset(), frozenset(), D("3"), {"lean": "Lean"})
    b = Candidate(2, "Bea", frozenset({"lean"}), frozenset(), frozenset(), D("9"), {"lean": "Lean"})

    ranked = rank(need, [a, b])

    assert [r.candidate.name for r in ranked] == ["Bea", "Ann"]
    assert ranked[0].reasons[0] == "Supports Lean"


def test_a_place_match_counts_once_however_many_of_the_places_match():
    need = Need(place_ids=frozenset({10, 11, 12}))
    local = _candidate(1, "Ann", set(), set(), {10, 11, 12}, "5")

    assert rank(need, [local])[0].score == 2

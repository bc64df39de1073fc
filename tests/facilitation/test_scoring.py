"""Priority score arithmetic, queue order and the hidden-scores rule. No database."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from facilitation.scoring import (
    CriterionValue,
    ScoringError,
    may_see_others_scores,
    priority_score,
    queue_key,
    sheet_score,
)

V = CriterionValue


def test_a_sheet_is_the_weighted_mean_of_its_criteria():
    # (3*3 + 1*1) / (3 + 1) = 2.5
    assert sheet_score([V(3, 3), V(1, 1)]) == Decimal("2.5")


def test_equal_weights_give_the_plain_mean():
    assert sheet_score([V(1, 0), V(1, 3), V(1, 3)]) == 2


def test_decimal_weights_are_exact():
    # (1.5*2 + 0.5*0) / 2 = 1.5
    assert sheet_score([V(Decimal("1.5"), 2), V(Decimal("0.5"), 0)]) == Decimal("1.5")


def test_the_priority_score_is_the_mean_over_scorers():
    alice = [V(2, 3), V(1, 0)]  # 6/3 = 2
    bob = [V(2, 1), V(1, 1)]  # 1
    carol = [V(2, 3), V(1, 3)]  # 3
    assert priority_score([alice, bob, carol]) == Decimal("2.00")


def test_each_scorer_counts_once_whatever_framework_version_they_scored_under():
    old_version = [V(1, 3)]  # one criterion: 3
    new_version = [V(3, 0), V(1, 2), V(1, 2)]  # (0 + 2 + 2) / 5 = 0.8
    assert priority_score([old_version, new_version]) == Decimal("1.90")


def test_the_priority_score_rounds_half_up_to_two_places():
    # sheets 2 and 2/3 → mean 4/3 = 1.333…
    assert priority_score([[V(1, 2)], [V(2, 1), V(1, 0)]]) == Decimal("1.33")
    # sheets 1 and 2/3 → mean 5/6 = 0.8333…
    assert priority_score([[V(1, 1)], [V(2, 1), V(1, 0)]]) == Decimal("0.83")
    # one sheet of 1/8 = 0.125: the half at the third place rounds up
    assert priority_score([[V(7, 0), V(1, 1)]]) == Decimal("0.13")


def test_nobody_scored_means_no_score():
    assert priority_score([]) is None


@pytest.mark.parametrize("value", [-1, 4, 2.5, True, "2"])
def test_a_score_outside_0_to_3_is_refused(value):
    with pytest.raises(ScoringError, match="0 to 3"):
        sheet_score([V(1, value)])


@pytest.mark.parametrize("weight", [0, -1, Decimal("0")])
def test_a_weight_of_zero_or_less_is_refused(weight):
    with pytest.raises(ScoringError, match="weight"):
        sheet_score([V(weight, 2)])


def test_an_empty_sheet_is_refused():
    with pytest.raises(ScoringError):
        sheet_score([])


def test_the_queue_orders_by_score_then_age_with_unscored_last():
    day = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    rows = [
        ("unscored old", None, day),
        ("low", Decimal("1.00"), day),
        ("high new", Decimal("2.50"), day + datetime.timedelta(days=5)),
        ("high old", Decimal("2.50"), day + datetime.timedelta(days=1)),
        ("unscored new", None, day + datetime.timedelta(days=9)),
    ]
    ordered = sorted(rows, key=lambda r: queue_key(r[1], r[2]))
    assert [r[0] for r in ordered] == ["high old", "high new", "low", "unscored old", "unscored new"]


@pytest.mark.parametrize(
    ("is_admin", "has_scored", "sees"),
    [(False, False, False), (False, True, True), (True, False, True), (True, True, True)],
)
def test_others_scores_are_hidden_until_the_member_has_scored(is_admin, has_scored, sees):
    assert may_see_others_scores(is_admin=is_admin, has_scored=has_scored) is sees

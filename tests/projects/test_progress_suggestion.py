"""The suggested IHI progress score: each level's evidence, earned in order, with the reasons."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from projects.progress_suggestion import Evidence, is_quiet, suggest

CHARTER = {"has_aim": True, "team_size": 2}
PLANNING = {**CHARTER, "has_problem": True, "measures": 1}
ACTIVE = {**PLANNING, "cycles_started": 2}
TESTED = {**ACTIVE, "cycles_studied": 1}
IMPROVING = {**TESTED, "improving_measures": 1}
ADOPTED = {**IMPROVING, "cycles_adopted": 1}
MEETING = {**ADOPTED, "measures_meeting_target": 1}
SPREADING = {**MEETING, "spreading": True}


@pytest.mark.parametrize(
    "evidence, score",
    [
        ({}, "0.5"),
        ({"has_aim": True}, "0.5"),  # a team of one is not yet a team
        (CHARTER, "1.0"),
        ({**CHARTER, "has_problem": True, "has_change_ideas": True}, "1.5"),
        (PLANNING, "1.5"),
        (ACTIVE, "2.0"),
        (TESTED, "2.5"),
        (IMPROVING, "3.0"),
        (ADOPTED, "3.5"),
        (MEETING, "4.0"),
        (SPREADING, "4.5"),
    ],
)
def test_each_level_needs_its_own_evidence(evidence, score):
    assert suggest(Evidence(**evidence)).score == Decimal(score)


def test_the_scale_is_cumulative_a_higher_level_needs_every_lower_one():
    # Improving data and an adopted change, but no aim or team written down: the charter comes first.
    skipped = Evidence(has_problem=True, measures=2, cycles_started=3, cycles_studied=3, improving_measures=1)
    suggestion = suggest(skipped)
    assert suggestion.score == Decimal("0.5")
    assert suggestion.next_step == "To reach 1.0: an aim and a team of at least two people."


def test_the_reasons_are_the_evidence_in_words_and_the_next_step_says_what_would_move_it_on():
    suggestion = suggest(Evidence(**{**TESTED, "measures": 3, "cycles_started": 4, "cycles_studied": 2}))
    assert suggestion.text == "2.5 Changes tested, but no improvement"
    assert suggestion.reasons == [
        "The project is registered.",
        "An aim is written and the team has 2 people.",
        "The problem is stated and 3 measures recorded.",
        "4 PDSA cycles started.",
        "2 PDSA cycles studied.",
    ]
    assert suggestion.next_step == "To reach 3.0: a measure showing special cause improvement."


def test_five_is_never_suggested_it_is_the_team_s_judgement():
    suggestion = suggest(Evidence(**{**SPREADING, "improving_measures": 9, "measures_meeting_target": 9}))
    assert suggestion.score == Decimal("4.5") and suggestion.next_step == ""


@pytest.mark.parametrize("days, quiet", [(89, False), (90, True), (200, True), (0, False)])
def test_a_project_is_quiet_after_ninety_days_without_activity(days, quiet):
    today = datetime.date(2026, 12, 3)
    assert is_quiet(today - datetime.timedelta(days=days), today) is quiet

from __future__ import annotations

from training.ladder import Level
from training.signposting import Option, above, advise, levels_for

OPTIONS = [
    Option(1, "awareness", 2, None),
    Option(2, "foundation", 7, None),
    Option(3, "practitioner", 35, None),
    Option(4, "foundation", 7, 99),  # another trust's own faculty
    Option(5, "leadership", 40, None),
    Option(6, "advanced", 60, 10),
]


def test_someone_new_with_an_hour_or_two_gets_the_short_awareness_course():
    advice = advise("frontline", "new", "hours", OPTIONS, organisation=10)

    assert advice.programme_ids == [1]
    assert not advice.relaxed_time


def test_programmes_of_another_trusts_faculty_are_not_offered():
    advice = advise("frontline", "new", "days", OPTIONS, organisation=10)

    assert advice.programme_ids == [1, 2]


def test_senior_leaders_are_offered_leadership_programmes_too():
    assert Level.LEADERSHIP in levels_for("senior", "basics")
    assert advise("senior", "basics", "months", OPTIONS, organisation=10).programme_ids == [2, 3, 5]


def test_when_nothing_fits_the_time_longer_programmes_are_shown_and_flagged():
    advice = advise("manager", "expert", "hours", OPTIONS, organisation=10)

    assert advice.relaxed_time
    assert advice.programme_ids == [6, 5]


def test_someone_who_already_holds_a_level_is_offered_the_next_one_up_and_told_why():
    options = [Option(1, "foundation", 7, None), Option(2, "practitioner", 14, None)]
    advice = advise("frontline", "new", "days", options, None, held=Level.FOUNDATION)
    assert advice.levels == (Level.PRACTITIONER,)
    assert advice.programme_ids == [2]
    assert advice.why == (
        "You have already finished Foundation training, so these are at the next level up: Practitioner."
    )


def test_a_held_level_below_the_advice_changes_nothing_and_the_top_has_nothing_above():
    assert above((Level.FOUNDATION, Level.PRACTITIONER), Level.AWARENESS) == (
        (Level.FOUNDATION, Level.PRACTITIONER),
        False,
    )
    assert above((Level.FOUNDATION, Level.PRACTITIONER), Level.FOUNDATION) == ((Level.PRACTITIONER,), True)
    assert above((Level.ADVANCED, Level.LEADERSHIP), Level.LEADERSHIP) == ((), True)
    assert advise("senior", "expert", "months", [], None, held=Level.ADVANCED).why.endswith(
        "next level up: Leadership and coaching."
    )

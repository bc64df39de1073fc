"""The figures module on hand-checked tables (no database)."""

from __future__ import annotations

import datetime

from core.periods import FIGURES_PERIODS
from training import figures

D = datetime.date
JUNE = D(2025, 6, 1)


def row(  # type: ignore[no-untyped-def]
    person,
    organisation,
    level,
    status="completed",
    when=JUNE,
    competent=False,
    strand="improvement",
    programme=None,
):
    return {
        "person": person,
        "organisation": organisation,
        "programme": programme or level,
        "provider": 1,
        "level": level,
        "strand": strand,
        "competent": competent,
        "status": status,
        "completed_on": when,
    }


ROWS = figures.as_frame(
    [
        # Ann (org 1): Bronze then Silver then Gold: counts once, at advanced.
        row(1, 1, "foundation", when=D(2023, 5, 1)),
        row(1, 1, "practitioner", when=D(2024, 5, 1), competent=True),
        row(1, 1, "advanced", status="graduated", when=D(2025, 5, 1), competent=True),
        # Bo (org 1): coaching, finished this year; his earlier practitioner course made him competent.
        row(2, 1, "practitioner", when=D(2024, 1, 10), competent=True),
        row(2, 1, "leadership", when=D(2025, 7, 1), competent=True),
        # Cy (org 2): foundation done, practitioner only booked.
        row(3, 2, "foundation", when=D(2025, 4, 2)),
        row(3, 2, "practitioner", status="booked", when=None, competent=True),
        # Di (org 2): a practitioner this financial year, undated awareness.
        row(4, 2, "awareness", when=None),
        row(4, 2, "practitioner", when=D(2025, 9, 30), competent=True),
        # Ed (org 2): human factors only: a completion but not on the ladder.
        row(5, 2, "foundation", strand="human_factors", when=D(2025, 4, 20), programme="hf"),
        # Fay (no organisation): withdrawn.
        row(6, None, "foundation", status="withdrawn", when=None),
    ]
)
FY = (D(2025, 4, 1), D(2026, 3, 31))


def test_each_person_counts_once_at_their_highest_finished_level():
    assert figures.count_highest_levels(ROWS) == {
        "awareness": 0, "foundation": 1, "practitioner": 1, "advanced": 1, "leadership": 1,
    }  # fmt: skip


def test_highest_levels_by_organisation():
    assert figures.count_highest_levels_by_organisation(ROWS) == {
        1: {"awareness": 0, "foundation": 0, "practitioner": 0, "advanced": 1, "leadership": 1},
        2: {"awareness": 0, "foundation": 1, "practitioner": 1, "advanced": 0, "leadership": 0},
    }


def test_trained_counts_by_organisation_is_advanced_and_leadership_people():
    assert figures.trained_counts_by_organisation(ROWS) == {1: (1, 1), 2: (0, 0)}


def test_competent_improvers_in_all_new_this_year_and_against_targets():
    counts = figures.count_competent_improvers(ROWS, *FY, targets={None: 5, 2: 1, 3: 4})

    system = counts[None]
    assert (system.total, system.new_in_period, system.target, system.gap) == (3, 1, 5, 4)
    assert system.percent_of_target == 20
    assert (counts[1].total, counts[1].new_in_period) == (2, 0)  # Ann 2024, Bo 2024: neither new
    assert (counts[2].total, counts[2].new_in_period, counts[2].gap) == (1, 1, 0)
    assert (counts[3].total, counts[3].target, counts[3].gap) == (0, 4, 4)  # a target with nobody yet


def test_completions_by_programme_cumulative_and_in_a_period():
    cumulative = figures.count_completions(ROWS, ["level"])
    this_year = figures.count_completions(ROWS, ["level"], *FY)

    assert dict(zip(cumulative["level"], cumulative["count"], strict=True)) == {
        "foundation": 3, "practitioner": 3, "advanced": 1, "leadership": 1, "awareness": 1,
    }  # fmt: skip
    assert dict(zip(this_year["level"], this_year["count"], strict=True)) == {
        "foundation": 2, "advanced": 1, "leadership": 1, "practitioner": 1,
    }  # fmt: skip
    by_org_month = figures.count_completions(ROWS, ["organisation", "month"], *FY)
    assert by_org_month["count"].sum() == 5
    assert set(by_org_month["month"]) == {"2025-04", "2025-05", "2025-07", "2025-09"}


def test_the_figures_periods_are_the_shared_ones():
    assert figures.PERIODS is FIGURES_PERIODS


def test_no_rows_give_zeros_not_errors():
    empty = figures.as_frame([])

    assert figures.count_highest_levels(empty) == dict.fromkeys(
        ["awareness", "foundation", "practitioner", "advanced", "leadership"], 0
    )
    assert figures.trained_counts_by_organisation(empty) == {}
    assert figures.count_competent_improvers(empty, *FY)[None].total == 0

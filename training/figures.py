"""Training figures: the one place counts of people trained are worked out, for pages and other apps.

The aggregation is pure pandas over plain rows (one per training record: person, organisation,
programme, provider, level, strand, competent-improver flag, status, completion date), so it is tested on
hand-checked tables without a database. A person is one normalised email (one `Trainee`), counted for
their organisation; "highest level" looks only at finished records (completed or graduated) of the
quality-improvement strand. Human-factors programmes count as completions but not on the ladder.

Public functions other apps call (each loads the rows in one query unless given them):

- `trained_counts_by_organisation() -> dict[int, tuple[int, int]]`: organisation id -> (people whose
  highest completed level is advanced/expert, people whose highest is leadership and coaching)
  (DESIGN.md §3.3); pages ask `training.figures_db.advanced_and_leadership`, the same count in SQL.
- `people_by_highest_level(...)`: level -> people, for the system or per organisation.
- `competent_improvers(start, end) -> dict[int | None, ImproverCount]`: per organisation (None: the
  system), competent improvers in all, new in the period, and the period's target with its gap.
- `completions(by=[...], start=, end=)`: finished records counted by programme, provider, level,
  organisation and/or month, in a period or cumulatively.
- periods ("fytd", "last_fy", "cytd", "all") are core.periods.figures_period.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from core.periods import FIGURES_PERIODS, financial_year
from training.ladder import FINISHED, LEVEL_BY_RANK, LEVEL_RANKS, Level
from training.models import ImproverTarget, TrainingRecord

COLUMNS = [
    "person",
    "organisation",
    "programme",
    "provider",
    "level",
    "strand",
    "competent",
    "status",
    "completed_on",
]
IMPROVEMENT = "improvement"
PERIODS = FIGURES_PERIODS  # core.periods


# ----------------------------------------------------------------------------------------- pure rules


def as_frame(rows: Iterable[Mapping[str, Any]] | pd.DataFrame) -> pd.DataFrame:
    """Plain rows as the table the functions below expect (dates as timestamps, NaT when unknown)."""
    frame = rows.copy() if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    for column in COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    frame = frame[COLUMNS]
    frame["completed_on"] = pd.to_datetime(frame["completed_on"])
    frame["competent"] = frame["competent"].fillna(False).astype(bool)
    frame["strand"] = frame["strand"].fillna(IMPROVEMENT)
    return frame


def finished(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["status"].isin([s.value for s in FINISHED])]


def in_period(frame: pd.DataFrame, start: datetime.date | None, end: datetime.date | None) -> pd.DataFrame:
    """Rows completed within [start, end]; with no bounds, every row (cumulative, undated included)."""
    if start is None and end is None:
        return frame
    mask = frame["completed_on"].notna()
    if start is not None:
        mask &= frame["completed_on"] >= pd.Timestamp(start)
    if end is not None:
        mask &= frame["completed_on"] <= pd.Timestamp(end)
    return frame[mask]


def highest_levels(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per person who finished any improvement programme: person, organisation, level."""
    done = finished(frame)
    done = done[done["strand"] == IMPROVEMENT]
    if done.empty:
        return pd.DataFrame(columns=["person", "organisation", "level"])
    ranks = done["level"].map({level.value: rank for level, rank in LEVEL_RANKS.items()})
    best = (
        done.assign(rank=ranks)
        .groupby("person", as_index=False)
        .agg(rank=("rank", "max"), organisation=("organisation", "last"))
    )
    best["level"] = best["rank"].map({rank: level.value for rank, level in LEVEL_BY_RANK.items()})
    return best[["person", "organisation", "level"]]


def count_highest_levels(frame: pd.DataFrame) -> dict[str, int]:
    """Level -> people whose highest finished level it is (every level present, zeros included)."""
    counts = highest_levels(frame)["level"].value_counts()
    return {level.value: int(counts.get(level.value, 0)) for level in Level}


def count_highest_levels_by_organisation(frame: pd.DataFrame) -> dict[int | None, dict[str, int]]:
    best = highest_levels(frame)
    result: dict[int | None, dict[str, int]] = {}
    for organisation, group in best.groupby("organisation", dropna=False):
        key = None if pd.isna(organisation) else int(organisation)
        counts = group["level"].value_counts()
        result[key] = {level.value: int(counts.get(level.value, 0)) for level in Level}
    return result


def advanced_and_leadership(frame: pd.DataFrame) -> dict[int, tuple[int, int]]:
    """Organisation id -> (highest level advanced/expert, highest level leadership and coaching)."""
    result = {}
    for organisation, levels in count_highest_levels_by_organisation(frame).items():
        if organisation is None:
            continue
        result[organisation] = (levels[Level.ADVANCED.value], levels[Level.LEADERSHIP.value])
    return result


def count_completions(
    frame: pd.DataFrame,
    by: Sequence[str],
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> pd.DataFrame:
    """Finished records counted by the given columns ("month" groups by month of completion), as a
    table with a `count` column, largest first."""
    done = in_period(finished(frame), start, end)
    if "month" in by:
        done = done.assign(month=done["completed_on"].dt.to_period("M").astype(str))
    if not by:
        return pd.DataFrame({"count": [len(done)]})
    table = done.groupby(list(by), dropna=False).size().reset_index(name="count")
    return table.sort_values("count", ascending=False, kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class ImproverCount:
    organisation: int | None  # None: the whole system
    total: int  # people who have ever become a competent improver
    new_in_period: int  # people whose first competent-improver completion falls in the period
    target: int | None  # new competent improvers wanted in the period

    @property
    def gap(self) -> int | None:
        return None if self.target is None else max(0, self.target - self.new_in_period)

    @property
    def percent_of_target(self) -> int | None:
        if not self.target:
            return None
        return min(100, round(100 * self.new_in_period / self.target))


def count_competent_improvers(
    frame: pd.DataFrame,
    start: datetime.date,
    end: datetime.date,
    targets: Mapping[int | None, int] | None = None,
) -> dict[int | None, ImproverCount]:
    """Per organisation and for the system (key None): a person is a competent improver from the first
    time they finish a programme that makes one; undated completions count in the total only."""
    targets = targets or {}
    done = finished(frame)
    done = done[done["competent"]]
    people = done.groupby("person", as_index=False).agg(
        organisation=("organisation", "last"), first=("completed_on", "min")
    )
    people["new"] = (people["first"] >= pd.Timestamp(start)) & (people["first"] <= pd.Timestamp(end))
    result: dict[int | None, ImproverCount] = {
        None: ImproverCount(None, len(people), int(people["new"].sum()), targets.get(None))
    }
    organisations = {int(o) for o in people["organisation"].dropna()} | {k for k in targets if k is not None}
    for organisation in sorted(organisations):
        mine = people[people["organisation"] == organisation]
        result[organisation] = ImproverCount(
            organisation, len(mine), int(mine["new"].sum()), targets.get(organisation)
        )
    return result


# ------------------------------------------------------------------------- loading rows from the database


def load_rows(**filters: Any) -> pd.DataFrame:
    """Every training record (optionally filtered with ORM lookups) as the plain table above."""

    values = TrainingRecord.objects.filter(**filters).values_list(
        "trainee_id",
        "trainee__organisation_id",
        "programme_id",
        "programme__provider_id",
        "programme__level",
        "programme__strand",
        "programme__competent_improver",
        "status",
        "completed_on",
    )
    return as_frame(pd.DataFrame.from_records(list(values), columns=COLUMNS))


def trained_counts_by_organisation(rows: pd.DataFrame | None = None) -> dict[int, tuple[int, int]]:
    """Organisation id -> (people at advanced/expert, people at leadership and coaching), by each
    person's highest completed level. Organisations with nobody at either level may be missing: read
    with `.get(org_id, (0, 0))`. Only finished records at those two top levels can decide the answer, so
    only they are loaded. Pages ask `figures_db.advanced_and_leadership`, which counts in SQL."""
    if rows is None:
        rows = load_rows(
            programme__level__in=[Level.ADVANCED.value, Level.LEADERSHIP.value],
            status__in=sorted(s.value for s in FINISHED),
        )
    return advanced_and_leadership(rows)


def people_by_highest_level(
    rows: pd.DataFrame | None = None, *, by_organisation: bool = False
) -> dict[str, int] | dict[int | None, dict[str, int]]:
    frame = load_rows() if rows is None else rows
    return count_highest_levels_by_organisation(frame) if by_organisation else count_highest_levels(frame)


def improver_targets(start: datetime.date, end: datetime.date) -> dict[int | None, int]:
    """The targets set for exactly this period, by organisation (None: the system)."""

    return {
        organisation: count
        for organisation, count in ImproverTarget.objects.filter(starts_on=start, ends_on=end).values_list(
            "organisation_id", "count"
        )
    }


def competent_improvers(
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    rows: pd.DataFrame | None = None,
    targets: Mapping[int | None, int] | None = None,
) -> dict[int | None, ImproverCount]:
    """Competent improvers per organisation and for the system (key None) against the period's targets;
    the period defaults to the current financial year."""
    if start is None or end is None:
        from django.utils import timezone

        start, end = financial_year(timezone.localdate())
    frame = load_rows() if rows is None else rows
    return count_competent_improvers(
        frame, start, end, improver_targets(start, end) if targets is None else targets
    )


def completions(
    by: Sequence[str],
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    rows: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Finished records by any of: programme, provider, level, strand, organisation, month."""
    return count_completions(load_rows() if rows is None else rows, by, start, end)

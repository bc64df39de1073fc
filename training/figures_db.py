"""The training figures counted by PostgreSQL: the same rules as `training.figures` (which says what each
count means, on pandas tables), for pages that must not load millions of records into the web process.

Each function is one or two grouped queries whatever the number of records; the tests hold each to its
pandas twin on the same records. A person is one `Trainee`, counted for the trainee's organisation.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Max, Min, QuerySet, Value, When

from core.cache import kept
from training.figures import IMPROVEMENT, ImproverCount
from training.ladder import FINISHED, LEVEL_BY_RANK, LEVEL_RANKS, Level
from training.models import Trainee, TrainingRecord

FINISHED_VALUES = sorted(s.value for s in FINISHED)
RANK = Case(
    *(When(programme__level=level.value, then=Value(rank)) for level, rank in LEVEL_RANKS.items()),
    output_field=IntegerField(),
)


def _finished(
    start: datetime.date | None = None, end: datetime.date | None = None
) -> QuerySet[TrainingRecord]:
    """Finished records completed within [start, end]; with no bounds, all of them (undated included)."""
    records = TrainingRecord.objects.filter(status__in=FINISHED_VALUES)
    if start is not None:
        records = records.filter(completed_on__gte=start)
    if end is not None:
        records = records.filter(completed_on__lte=end)
    return records.order_by()


def _grouped(per_person: QuerySet[Any], select: str, group: str) -> list[tuple[Any, ...]]:
    """Group the per-person rows again in the database: SELECT `select` FROM (per_person) GROUP BY `group`."""
    sql, params = per_person.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {select} FROM ({sql}) AS person GROUP BY {group}", params)
        return list(cursor.fetchall())


def completions_by(
    field: str, start: datetime.date | None = None, end: datetime.date | None = None
) -> dict[object, int]:
    """Finished records counted by one field (`programme`, `programme__level`, …)."""
    return dict(_finished(start, end).values(field).annotate(n=Count("pk")).values_list(field, "n"))


def people_trained() -> int:
    """People with any training record, finished or not."""
    return Trainee.objects.filter(records__isnull=False).distinct().count()


def highest_levels_by_organisation(
    start: datetime.date | None = None, end: datetime.date | None = None
) -> dict[int | None, dict[str, int]]:
    """Organisation (None: none recorded) -> level -> people whose highest finished improvement level it
    is (`figures.count_highest_levels_by_organisation`)."""
    best = (
        _finished(start, end)
        .filter(programme__strand=IMPROVEMENT)
        .values("trainee_id", org=F("trainee__organisation_id"))
        .annotate(rank=Max(RANK))
    )
    result: dict[int | None, dict[str, int]] = {}
    for organisation, rank, people in _grouped(best, "org, rank, count(*)", "org, rank"):
        levels = result.setdefault(organisation, {level.value: 0 for level in Level})
        levels[LEVEL_BY_RANK[rank].value] += people
    return result


def highest_levels(start: datetime.date | None = None, end: datetime.date | None = None) -> dict[str, int]:
    """Level -> people whose highest finished improvement level it is, across the system."""
    return _summed(highest_levels_by_organisation(start, end))


def _summed(by_organisation: Mapping[int | None, Mapping[str, int]]) -> dict[str, int]:
    totals = {level.value: 0 for level in Level}
    for levels in by_organisation.values():
        for level, people in levels.items():
            totals[level] += people
    return totals


def competent_improvers(
    start: datetime.date, end: datetime.date, targets: Mapping[int | None, int] | None = None
) -> dict[int | None, ImproverCount]:
    """`figures.count_competent_improvers` in the database: per organisation and for the system (None),
    people who ever became competent improvers and those whose first such completion is in the period."""
    targets = targets or {}
    first = (
        _finished()
        .filter(programme__competent_improver=True)
        .values("trainee_id", org=F("trainee__organisation_id"))
        .annotate(first=Min("completed_on"))
    )
    sql_new = "count(*) FILTER (WHERE first >= %s AND first <= %s)"
    sql, params = first.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT org, count(*), {sql_new} FROM ({sql}) AS person GROUP BY org", [start, end, *params]
        )
        rows = cursor.fetchall()
    total = sum(r[1] for r in rows)
    new = sum(r[2] for r in rows)
    result: dict[int | None, ImproverCount] = {None: ImproverCount(None, total, new, targets.get(None))}
    counted = {org: (people, fresh) for org, people, fresh in rows if org is not None}
    for organisation in sorted(set(counted) | {k for k in targets if k is not None}):
        people, fresh = counted.get(organisation, (0, 0))
        result[organisation] = ImproverCount(organisation, people, fresh, targets.get(organisation))
    return result


def advanced_and_leadership() -> dict[int, tuple[int, int]]:
    """`figures.trained_counts_by_organisation` in the database: organisation id -> (people whose highest
    level is advanced/expert, people whose highest is leadership and coaching). Cached until the records
    change, like the figures page: the champion dosage page asks on every view."""

    def count() -> dict[int, tuple[int, int]]:
        return {
            org: (levels[Level.ADVANCED.value], levels[Level.LEADERSHIP.value])
            for org, levels in highest_levels_by_organisation().items()
            if org is not None
        }

    key = f"training:advanced-and-leadership:{records_stamp()}"
    return kept(key, count, FIGURES_CACHE_FOR)


FIGURES_CACHE_FOR = 600


@dataclass(frozen=True)
class PageFigures:
    """What the training figures page shows, as plain values keyed by ids."""

    people: int
    system_levels: dict[str, int]
    by_organisation: dict[int | None, dict[str, int]]
    improvers: dict[int | None, ImproverCount]
    programme_totals: dict[int, int]
    programme_in_period: dict[int, int]
    level_totals: dict[str, int]
    level_in_period: dict[str, int]


def records_stamp() -> str:
    """Changes when a training record is added or changed (the newest id and the latest change)."""
    latest = TrainingRecord.objects.aggregate(newest=Max("pk"), changed=Max("updated_at"))
    return f"{latest['newest']}:{latest['changed'].isoformat() if latest['changed'] else ''}"


def page_figures(
    start: datetime.date | None,
    end: datetime.date | None,
    fy_start: datetime.date,
    fy_end: datetime.date,
    targets: Mapping[int | None, int],
) -> PageFigures:
    """The figures page's counts for a period, kept in the shared cache until the records change (or
    FIGURES_CACHE_FOR seconds: a trainee moving organisation changes no record)."""
    asked = f"{start}:{end}:{fy_start}:{fy_end}:{sorted(targets.items(), key=str)}"
    key = f"training:figures:{hashlib.sha256(asked.encode()).hexdigest()}:{records_stamp()}"

    def count() -> PageFigures:
        by_organisation = highest_levels_by_organisation()
        return PageFigures(
            people=people_trained(),
            system_levels=_summed(by_organisation),
            by_organisation=by_organisation,
            improvers=competent_improvers(fy_start, fy_end, targets),
            programme_totals=completions_by("programme"),  # type: ignore[arg-type]
            programme_in_period=completions_by("programme", start, end),  # type: ignore[arg-type]
            level_totals=completions_by("programme__level"),  # type: ignore[arg-type]
            level_in_period=completions_by("programme__level", start, end),  # type: ignore[arg-type]
        )

    return kept(key, count, FIGURES_CACHE_FOR)

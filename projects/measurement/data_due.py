"""Data due in the weekly digest (registered with together.digest): each team member of a published,
active project hears which of its measures have periods that ended without a value."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Max, Min
from django.utils import timezone

from projects.measurement import due
from projects.models import Measure, Project, TeamMember
from together.digest import Line

ACTIVE = [s for s in Project.Status.values if s not in (Project.Status.COMPLETED, Project.Status.STOPPED)]


def _expected(frequency: str, first: datetime.date, today: datetime.date) -> int:
    """How many periods from `first` have ended by `today` (the count `missing_periods` walks)."""
    count, start = 0, first
    while (following := due.next_period(frequency, start)) is not None and following <= today:
        count, start = count + 1, following
    return count


def measures_with_gaps(
    today: datetime.date | None = None, project_ids: Iterable[int] | None = None
) -> list[Any]:
    """Measures of published, active projects with ended periods and no value: one grouped query, then
    the schedule worked out per measure from its first period and its count of values."""
    day = today or timezone.localdate()
    rows = Measure.objects.filter(
        project__published_at__isnull=False,
        project__status__in=ACTIVE,
        frequency__in=["daily", "weekly", "monthly", "quarterly"],
    )
    if project_ids is not None:
        rows = rows.filter(project_id__in=list(project_ids))
    found = []
    for measure in (
        rows.select_related("project")
        .annotate(first=Min("points__period"), last=Max("points__period"), values=Count("points"))
        .filter(values__gt=0)
    ):
        expected = _expected(measure.frequency, measure.first, day)
        after_last = due.next_period(measure.frequency, measure.last)
        recorded_in_range = measure.values - (1 if after_last is not None and after_last > day else 0)
        if expected > recorded_in_range:
            measure.missing = expected - recorded_in_range  # type: ignore[attr-defined]
            found.append(measure)
    return found


def people_with_data_due() -> list[int]:
    projects = {m.project_id for m in measures_with_gaps()}
    return list(
        TeamMember.objects.filter(project_id__in=projects).values_list("user_id", flat=True).distinct()
    )


def lines_for(user: Any) -> list[Line]:
    mine = TeamMember.objects.filter(user=user).values_list("project_id", flat=True)
    return [
        Line(
            f"{m.project.title}: {m.name} has {m.missing} "
            f"period{'s' if m.missing != 1 else ''} without a value",
            m.get_absolute_url(),
        )
        for m in sorted(measures_with_gaps(project_ids=mine), key=lambda m: (m.project_id, m.name))
    ]

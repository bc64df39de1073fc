"""Data due in the weekly digest (registered with together.digest): each team member of a published,
active project hears which of its measures have periods that ended without a value."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Max, Min
from django.utils import timezone

from projects.measurement import due
from projects.models import Measure, TeamMember
from projects.rules import CLOSED_STATUSES
from together.digest import Line


def measures_with_gaps(today: datetime.date | None = None) -> list[Any]:
    """Measures of published, active projects with ended periods and no value: one grouped query, then
    the schedule worked out per measure from its first period and its count of values."""
    day = today or timezone.localdate()
    rows = (
        Measure.objects.filter(project__published_at__isnull=False, frequency__in=due.SCHEDULED)
        .exclude(project__status__in=CLOSED_STATUSES)
        .select_related("project")
        .annotate(first=Min("points__period"), last=Max("points__period"), values=Count("points"))
        .filter(values__gt=0)
    )
    found = []
    for measure in rows:
        expected = len(due.ended_periods(measure.frequency, measure.first, day))
        after_last = due.next_period(measure.frequency, measure.last)
        recorded_in_range = measure.values - (1 if after_last is not None and after_last > day else 0)
        if expected > recorded_in_range:
            measure.missing = expected - recorded_in_range  # type: ignore[attr-defined]
            found.append(measure)
    return found


def collect(today: datetime.date | None = None) -> dict[int, list[Line]]:
    """Each team member's lines: their projects' measures with gaps, by project and name."""
    gaps = sorted(measures_with_gaps(today), key=lambda m: (m.project_id, m.name))
    teams: dict[int, list[int]] = {}
    for project_id, user_id in TeamMember.objects.filter(
        project_id__in={m.project_id for m in gaps}
    ).values_list("project_id", "user_id"):
        teams.setdefault(project_id, []).append(user_id)
    lines: dict[int, list[Line]] = {}
    for m in gaps:
        said = Line(
            f"{m.project.title}: {m.name} has {m.missing} "
            f"period{'s' if m.missing != 1 else ''} without a value",
            m.get_absolute_url(),
        )
        for user_id in teams.get(m.project_id, []):
            lines.setdefault(user_id, []).append(said)
    return lines

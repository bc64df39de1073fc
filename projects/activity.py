"""When a project was last worked on, the evidence behind its suggested progress score, and the quiet
projects whose leads get a nudge. Reads the database; the rules are in projects.progress_suggestion."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import DateTimeField, Exists, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from projects.models import DataPoint, Measure, PDSACycle, Project, ProjectNudge, ProjectUpdate
from projects.progress_suggestion import STALE_AFTER_DAYS, Evidence, Suggestion, is_quiet, suggest
from projects.rules import CLOSED_STATUSES
from projects.spc import icons


def quiet_after_days() -> int:
    return int(getattr(settings, "STALE_PROJECT_DAYS", STALE_AFTER_DAYS))


def _latest(queryset: QuerySet[Any], field: str) -> Subquery:
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1], output_field=DateTimeField())


def with_last_activity(projects: QuerySet[Project]) -> QuerySet[Any]:
    """Annotate `last_activity`: the latest of the project's own edits, its updates, its PDSA cycles and
    its measures' data."""
    return projects.annotate(
        last_activity=Greatest(
            F("updated_at"),
            Coalesce(
                _latest(ProjectUpdate.objects.filter(project=OuterRef("pk")), "created_at"), F("updated_at")
            ),
            Coalesce(
                _latest(PDSACycle.objects.filter(project=OuterRef("pk")), "updated_at"), F("updated_at")
            ),
            Coalesce(
                _latest(DataPoint.objects.filter(measure__project=OuterRef("pk")), "created_at"),
                F("updated_at"),
            ),
        )
    )


def mark_quiet(projects: list[Project]) -> None:
    """Set `last_activity` and `quiet_since` on each project (a page of a list, or one project's page),
    in one query."""
    if not projects:
        return
    found = dict(
        with_last_activity(Project.objects.filter(pk__in=[p.pk for p in projects])).values_list(
            "pk", "last_activity"
        )
    )
    for project in projects:
        project.last_activity = found.get(project.pk)  # type: ignore[attr-defined]
        project.quiet_since = quiet_since(project)  # type: ignore[attr-defined]


def quiet_since(project: Project) -> datetime.datetime | None:
    """When the project was last worked on, if that is long enough ago to call it quiet (active projects
    only); None otherwise."""
    last = getattr(project, "last_activity", None)
    if last is None or project.status in CLOSED_STATUSES:
        return None
    today = timezone.localdate()
    return last if is_quiet(timezone.localtime(last).date(), today, quiet_after_days()) else None


def evidence_for(
    project: Project, cycles: list[PDSACycle] | None = None, measures: list[Measure] | None = None
) -> Evidence:
    """The evidence for a suggested score, counted from the project's cycles and measures: `cycles` and
    `measures` when the caller has read them all already (a project's page), else read here; the team
    from the prefetched memberships when there are any."""
    if cycles is None:
        cycles = list(PDSACycle.objects.filter(project=project).only("change_idea", "study", "act"))
    if measures is None:
        measures = list(Measure.objects.filter(project=project).only("variation", "assurance"))
    return Evidence(
        has_aim=bool(project.aim.strip()),
        team_size=project.memberships.count(),
        has_problem=bool(project.problem.strip()),
        measures=len(measures),
        # Every cycle tests a change idea, even one left blank.
        has_change_ideas=bool(project.change_ideas.strip()) or bool(cycles),
        cycles_started=len(cycles),
        cycles_studied=sum(1 for c in cycles if c.study or c.act),
        cycles_adopted=sum(1 for c in cycles if c.act == PDSACycle.Act.ADOPT),
        improving_measures=sum(1 for m in measures if m.variation.startswith("improvement")),
        measures_meeting_target=sum(1 for m in measures if m.assurance == icons.CONSISTENTLY_PASSING),
        spreading=project.status in (Project.Status.SPREADING, Project.Status.SUSTAINING),
    )


def suggestion_for(
    project: Project, cycles: list[PDSACycle] | None = None, measures: list[Measure] | None = None
) -> Suggestion:
    return suggest(evidence_for(project, cycles, measures))


def quiet_projects(now: datetime.datetime | None = None) -> QuerySet[Any]:
    """Published, active projects with no activity for the quiet period and no nudge yet for this spell."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=quiet_after_days())
    nudged = ProjectNudge.objects.filter(project=OuterRef("pk"), quiet_since=OuterRef("last_activity"))
    return (
        with_last_activity(
            Project.objects.filter(published_at__isnull=False).exclude(status__in=CLOSED_STATUSES)
        )
        .filter(last_activity__lt=cutoff)
        .exclude(Exists(nudged))
        .select_related("lead")
        .order_by("pk")
    )

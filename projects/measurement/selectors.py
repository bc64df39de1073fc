"""Reads for measurement pages and the API, scoped to what the user may see."""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from core.held import Recent
from core.permissions import can, is_admin
from projects.models import Project, TeamMember
from projects.spc import Chart, control_chart, run_chart
from projects.spc.advisor import allowed
from projects.spc.sparkline import sparkline
from projects.spc.words import latest_finding, sentences

from . import drivers
from .driver_svg import driver_svg
from .models import DataPoint, DriverDiagram, Measure, MeasurementSettings, PDSACycle


def visible_projects(user: Any) -> QuerySet[Project]:
    projects = Project.objects.all()
    if is_admin(user):
        return projects
    return projects.filter(
        Q(published_at__isnull=False) | Q(lead_id=user.pk) | Q(memberships__user_id=user.pk)
    ).distinct()


def _with_team(qs: QuerySet[Project]) -> QuerySet[Project]:
    return qs.prefetch_related(
        Prefetch("memberships", queryset=TeamMember.objects.only("id", "project_id", "user_id"))
    )


def project_for_user(user: Any, pk: int) -> Project:
    project = _with_team(Project.objects.filter(pk=pk)).first()
    if project is None or not can(user, "measurement.view", project):
        raise Http404("No such project")
    return project


def measure_for_user(user: Any, pk: int) -> Measure:
    measure = (
        Measure.objects.select_related("project")
        .prefetch_related(
            Prefetch("project__memberships", queryset=TeamMember.objects.only("id", "project_id", "user_id"))
        )
        .filter(pk=pk)
        .first()
    )
    if measure is None or not can(user, "measurement.view", measure.project):
        raise Http404("No such measure")
    return measure


def cycle_for_user(user: Any, pk: int) -> PDSACycle:
    cycle = (
        PDSACycle.objects.select_related("project")
        .prefetch_related(
            Prefetch("project__memberships", queryset=TeamMember.objects.only("id", "project_id", "user_id"))
        )
        .filter(pk=pk)
        .first()
    )
    if cycle is None or not can(user, "measurement.view", cycle.project):
        raise Http404("No such PDSA cycle")
    return cycle


def measure_points(measure: Measure) -> list[DataPoint]:
    return list(measure.points.select_related("rebaseline_cycle").order_by("period"))


def compute_chart(
    measure: Measure,
    points: list[DataPoint],
    chart_type: str | None = None,
    *,
    rule_set: str | None = None,
    community: str | None = None,
) -> Chart:
    """The measure's chart from its points (in period order): limits re-set at each re-baselined point,
    excluded points left out of them. A chart type that does not suit what the measure records (after its
    kind was changed) falls back to the XmR chart."""
    kind = chart_type or measure.chart_type
    if not allowed(measure.value_kind, kind):
        kind = Measure.ChartType.XMR
    ratio = measure.is_ratio
    common: dict[str, Any] = {
        "sizes": [p.denominator for p in points] if ratio else None,
        "periods": [p.period for p in points],
        "improvement": measure.improvement,
        "target": measure.target,
        "rebase_at": [i for i, p in enumerate(points) if p.rebaseline and i > 0],
        "multiplier": measure.multiplier if ratio else 1,
    }
    values = [p.value for p in points]
    if kind == Measure.ChartType.RUN:
        return run_chart(values, **common)
    return control_chart(
        kind,
        values,
        exclude=[i for i, p in enumerate(points) if p.excluded],
        screen_moving_ranges=measure.screen_moving_ranges,
        rule_set=rule_set or measure.rule_set or community or community_rule_set(),
        **common,
    )


def change_marks(measure: Measure, points: list[DataPoint]) -> tuple[dict[Any, list[str]], dict[Any, str]]:
    """The PDSA cycles pinned to the measure, by the period each started in (the latest period on or
    before its start date; cycles before the first period are left off), numbered in start-date order,
    which is the order the chart shows them; and for each re-baselined period, the change its new limits
    follow."""
    periods = [p.period for p in points]
    marks: dict[Any, list[str]] = {}
    number = 0
    for cycle in measure.cycles.order_by("start_date", "id"):
        index = bisect_right(periods, cycle.start_date) - 1
        if index < 0:
            continue
        number += 1
        marks.setdefault(periods[index], []).append(
            f"{number}. {cycle.change_idea}: {cycle.title} (from {cycle.start_date:%-d %B %Y})"
        )
    follows = {
        p.period: p.rebaseline_cycle.change_idea for p in points if p.rebaseline and p.rebaseline_cycle
    }
    return marks, follows


def period_words(measure: Measure) -> Callable[[Any], str]:
    """How the measure's periods are written in sentences: a month as "March 2026", else a date."""
    if measure.frequency == Measure.Frequency.MONTHLY:
        return lambda period: f"{period:%B %Y}"
    return lambda period: f"{period:%-d %B %Y}"


def axis_words(measure: Measure) -> Callable[[Any], str]:
    """How the chart's period axis labels its periods: "Mar 2026" for months, "5 Jan 2026" otherwise."""
    if measure.frequency in (Measure.Frequency.MONTHLY, Measure.Frequency.QUARTERLY):
        return lambda period: f"{period:%b %Y}"
    return lambda period: f"{period:%-d %b %Y}"


def findings(measure: Measure, chart: Chart) -> list[str]:
    return sentences(chart, period_words(measure))


@dataclass(frozen=True)
class MeasureCard:
    measure: Measure
    sparkline: str  # inline SVG, or "" before there are two values
    latest: float | None
    finding: str


def measure_cards(project: Project) -> list[MeasureCard]:
    """A project's measures as small multiples: each one's chart in miniature, latest value and latest
    finding, from one query for all their points."""
    measures = project_measures(project)
    by_measure: dict[int, list[DataPoint]] = {m.pk: [] for m in measures}
    for point in DataPoint.objects.filter(measure__in=measures).order_by("measure_id", "period"):
        by_measure[point.measure_id].append(point)
    cards = []
    community = community_rule_set() if measures else None
    for measure in measures:
        points = by_measure[measure.pk]
        drawn = _cards.get_or_make(
            _card_key(measure, points, community), partial(_draw_card, measure, points, community)
        )
        cards.append(MeasureCard(measure, *drawn))
    return cards


# A card's chart is worked out from the measure and its points alone, so each process keeps the last
# thousand cards under a digest of everything they were drawn from: a project page viewed again draws none.
_cards: Recent[tuple[str, float | None, str]] = Recent(1024)


def _draw_card(
    measure: Measure, points: list[DataPoint], community: str | None
) -> tuple[str, float | None, str]:
    chart = compute_chart(measure, points, community=community)
    latest = next((p.value for p in reversed(chart.points) if p.value is not None), None)
    finding = latest_finding(chart, period_words(measure)) or "Not enough data for the chart's rules yet."
    return sparkline(chart, f"{measure.name}: {finding}"), latest, finding


def _card_key(measure: Measure, points: list[DataPoint], community: str | None) -> str:
    fields = tuple(getattr(measure, f.attname) for f in measure._meta.concrete_fields)
    data = tuple(
        (p.period, p.value, p.denominator, p.excluded, p.rebaseline, p.rebaseline_cycle_id) for p in points
    )
    return hashlib.sha256(repr((fields, data, community)).encode()).hexdigest()


@dataclass(frozen=True)
class DiagramView:
    root: drivers.Node
    svg: str
    cycles: dict[str, list[PDSACycle]]  # a change idea's text (lower case) -> the cycles testing it
    measures: dict[str, list[Measure]]  # -> the measures those cycles are marked on
    text: str


def project_cycles(project: Project) -> list[PDSACycle]:
    """A project's PDSA cycles in the order they started, with the measures each is marked on."""
    return list(project.pdsa_cycles.prefetch_related("measures").order_by("start_date", "id"))


def measurement_section(project: Project) -> dict[str, Any]:
    """What the measurement part of a project's pages shows (templates/projects/_measurement.jinja): its
    cycles, its measures as small multiples and its driver diagram, each read once."""
    cycles = project_cycles(project)
    return {
        "cycles": cycles,
        "measure_cards": measure_cards(project),
        "diagram": driver_diagram(project, cycles),
    }


def driver_diagram(project: Project, cycles: list[PDSACycle] | None = None) -> DiagramView | None:
    """The project's driver diagram, drawn, with each change idea's PDSA cycles (matched by the change
    idea's words, ignoring case) and, through them, the measures they are marked on. `cycles`: the
    project's cycles (`project_cycles`), when the caller has them already."""
    try:
        diagram = project.driver_diagram  # read with the project when its page selected it
    except DriverDiagram.DoesNotExist:
        return None
    root, _problems = drivers.parse(diagram.text)
    if root is None:
        return None
    by_idea: dict[str, list[PDSACycle]] = {}
    measures: dict[str, list[Measure]] = {}
    for cycle in project_cycles(project) if cycles is None else cycles:
        key = cycle.change_idea.strip().lower()
        by_idea.setdefault(key, []).append(cycle)
        marked = measures.setdefault(key, [])
        marked.extend(m for m in cycle.measures.all() if m not in marked)
    return DiagramView(root, driver_svg(root), by_idea, measures, diagram.text)


def community_rule_set() -> str:
    """The rule set for measures that do not choose their own: the admins' choice, else the setting.
    (Code that draws many charts reads it once and passes it to `compute_chart` as `community`.)"""
    chosen = MeasurementSettings.objects.filter(pk=1).values_list("default_rule_set", flat=True).first()
    return chosen or settings.SPC_DEFAULT_RULE_SET


def project_measures(project: Project) -> list[Measure]:
    return list(project.measures.order_by("kind", "name", "id"))


def portfolio_measures(user: Any) -> QuerySet[Measure]:
    """Every measure of a published project, with its project, for the portfolio list."""
    return Measure.objects.filter(project__published_at__isnull=False).select_related("project")


def latest_icons(measure_ids: list[int]) -> dict[int, tuple[str | None, str | None]]:
    """For dashboards: each measure's Making Data Count variation and assurance icons for its latest point
    (None where there is no icon), from the values stored whenever its data change."""
    rows = Measure.objects.filter(pk__in=measure_ids).values_list("pk", "variation", "assurance")
    return {pk: (variation or None, assurance or None) for pk, variation, assurance in rows}

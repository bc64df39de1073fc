"""Writes for PDSA cycles, measures and data: validated, saved in a transaction, audited.

Every change to a measure's data refreshes the measure's stored variation and assurance icons, so that
lists and dashboards read them without computing each chart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from celery import shared_task
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.audit import audit_record, changes_between, snapshot
from core.permissions import require
from core.tasks import enqueue
from core.versioning import claim_version
from projects import portfolio_dashboard
from projects.models import Project
from projects.spc import CHART_NAMES, CONTROL_CHARTS, rulesets
from projects.spc.advisor import CHARTS_FOR, allowed
from together import services as activity

from . import drivers
from .models import DataPoint, DriverDiagram, Measure, MeasurementSettings, PDSACycle
from .rows import Row, value_problem
from .selectors import community_rule_set, compute_chart, measure_points

MEASURE_FIELDS = (
    "name",
    "kind",
    "unit",
    "definition",
    "improvement",
    "target",
    "frequency",
    "value_kind",
    "multiplier",
    "chart_type",
    "rule_set",
    "screen_moving_ranges",
)
CYCLE_FIELDS = (
    "change_idea",
    "title",
    "plan",
    "prediction",
    "do",
    "study",
    "act",
    "act_notes",
    "start_date",
    "end_date",
)


def _apply(obj: Any, fields: Sequence[str], data: dict[str, Any]) -> None:
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"Unknown fields: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(obj, name, value)


def _validate(obj: Any, exclude: Sequence[str] = ()) -> None:
    obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)


def _check_chart(measure: Measure) -> None:
    """The chart must suit what the measure records, and a proportion or rate keeps its denominators."""
    if not allowed(measure.value_kind, measure.chart_type):
        suits = ", ".join(CHART_NAMES[c] for c in CHARTS_FOR[measure.value_kind])
        raise ValidationError(
            {"chart_type": f"A {CHART_NAMES[measure.chart_type]} does not suit this measure: choose {suits}"}
        )
    if measure.pk and measure.is_ratio and measure.points.filter(denominator__isnull=True).exists():
        raise ValidationError(
            {"value_kind": "Some periods have no denominator: add them before recording a proportion or rate"}
        )


def _check_cycle_dates(cycle: PDSACycle) -> None:
    if cycle.end_date and cycle.start_date and cycle.end_date < cycle.start_date:
        raise ValidationError({"end_date": "The end date must be the same as or after the start date"})


def _cycle_measures(project: Project, measures: Any) -> list[Measure] | None:
    """The measures a cycle is pinned to (None: leave them as they are); each must be the project's."""
    if measures is None:
        return None
    chosen = list(measures)
    if any(m.project_id != project.pk for m in chosen):
        raise ValidationError({"measures": "Choose measures of this cycle's own project"})
    return chosen


def _pin(cycle: PDSACycle, measures: list[Measure] | None, changes: dict[str, Any]) -> None:
    if measures is None:
        return
    before = sorted(cycle.measures.values_list("name", flat=True)) if cycle.pk else []
    cycle.measures.set(measures)
    after = sorted(m.name for m in measures)
    if before != after:
        changes["measures"] = [before, after]


def pdsa_cycle_create(*, actor: Any, project: Project, measures: Any = None, **data: Any) -> PDSACycle:
    require(actor, "measurement.edit", project)
    cycle = PDSACycle(project=project, created_by=actor)
    _apply(cycle, CYCLE_FIELDS, data)
    _validate(cycle, exclude=["project", "created_by"])
    _check_cycle_dates(cycle)
    pinned = _cycle_measures(project, measures)
    with transaction.atomic():
        cycle.save()
        changes = snapshot(cycle, CYCLE_FIELDS)
        _pin(cycle, pinned, changes)
        audit_record(actor=actor, obj=cycle, action="created", changes=changes)
        activity.record(
            subject=project, actor=actor, text=f"{actor.display_name} started a PDSA cycle: {cycle.title}"
        )
    return cycle


def pdsa_cycle_update(*, actor: Any, cycle: PDSACycle, measures: Any = None, **data: Any) -> PDSACycle:
    require(actor, "measurement.edit", cycle.project)
    before = snapshot(cycle, CYCLE_FIELDS)
    _apply(cycle, CYCLE_FIELDS, data)
    _validate(cycle, exclude=["project", "created_by"])
    _check_cycle_dates(cycle)
    pinned = _cycle_measures(cycle.project, measures)
    cycle.updated_at = timezone.now()
    with transaction.atomic():
        cycle.save()
        changes = changes_between(before, snapshot(cycle, CYCLE_FIELDS))
        _pin(cycle, pinned, changes)
        if changes:
            audit_record(actor=actor, obj=cycle, action="updated", changes=changes)
    return cycle


def pdsa_cycle_delete(*, actor: Any, cycle: PDSACycle) -> None:
    require(actor, "measurement.edit", cycle.project)
    with transaction.atomic():
        audit_record(actor=actor, obj=cycle, action="deleted")
        cycle.delete()


def measure_create(*, actor: Any, project: Project, **data: Any) -> Measure:
    require(actor, "measurement.edit", project)
    measure = Measure(project=project, created_by=actor)
    _apply(measure, MEASURE_FIELDS, data)
    _validate(measure, exclude=["project", "created_by"])
    _check_chart(measure)
    with transaction.atomic():
        measure.save()
        audit_record(actor=actor, obj=measure, action="created", changes=snapshot(measure, MEASURE_FIELDS))
    portfolio_dashboard.measures_changed()
    return measure


def measure_update(
    *, actor: Any, measure: Measure, expected_version: int | None = None, **data: Any
) -> Measure:
    """Save an edit; `expected_version` is the version the person opened (core.versioning)."""
    require(actor, "measurement.edit", measure.project)
    before = snapshot(measure, MEASURE_FIELDS)
    _apply(measure, MEASURE_FIELDS, data)
    _validate(measure, exclude=["project", "created_by"])
    _check_chart(measure)
    measure.updated_at = timezone.now()
    with transaction.atomic():
        claim_version(measure, expected_version, noun="measure")
        measure.save()
        changes = changes_between(before, snapshot(measure, MEASURE_FIELDS))
        if changes:
            audit_record(actor=actor, obj=measure, action="updated", changes=changes)
        measure_refresh(measure)
    return measure


def measure_delete(*, actor: Any, measure: Measure) -> None:
    require(actor, "measurement.edit", measure.project)
    with transaction.atomic():
        audit_record(actor=actor, obj=measure, action="deleted", changes={"points": measure.points.count()})
        measure.delete()
    portfolio_dashboard.measures_changed()


def _fresh_summary(measure: Measure) -> dict[str, Any]:
    """What is stored on the measure for lists and dashboards, computed afresh from its data."""
    return summary_of(measure, measure_points(measure))


def summary_of(measure: Measure, points: list[DataPoint], community: str | None = None) -> dict[str, Any]:
    """The stored summary (icons, latest period, count) from the measure's points in period order;
    `community`: the community's rule set, when the caller has read it already."""
    kind = measure.chart_type if measure.chart_type in CONTROL_CHARTS else Measure.ChartType.XMR
    chart = compute_chart(measure, points, kind, community=community)
    return {
        "variation": chart.variation or "",
        "assurance": chart.assurance or "",
        "latest_period": points[-1].period if points else None,
        "latest_value": next((p.value for p in reversed(chart.points) if p.value is not None), None),
        "point_count": len(points),
    }


def measure_refresh(measure: Measure) -> None:
    """Store the icons for the latest point, as the measure's own control chart draws them (an XmR chart
    of the same values for a run chart, which has no icons)."""
    summary = _fresh_summary(measure)
    Measure.objects.filter(pk=measure.pk).update(**summary, updated_at=timezone.now())
    for name, value in summary.items():
        setattr(measure, name, value)
    portfolio_dashboard.measures_changed()  # once per save of the measure's data, however many points


@shared_task(name="projects.measures_refresh")
def measures_refresh() -> tuple[int, int]:
    """Recompute every measure's stored icons in a worker, as after the community's rule set changed."""
    return measures_refresh_all()


def measures_refresh_all() -> tuple[int, int]:
    """Recompute every measure's stored icons from its data, as after a change to the chart rules; store
    only those that differ. Returns (measures checked, measures changed)."""
    checked = changed = 0
    community = community_rule_set()
    for measure in Measure.objects.order_by("pk").iterator(chunk_size=200):
        checked += 1
        summary = summary_of(measure, measure_points(measure), community)
        if any(getattr(measure, name) != value for name, value in summary.items()):
            Measure.objects.filter(pk=measure.pk).update(**summary)
            changed += 1
    if changed:
        portfolio_dashboard.measures_changed()
    return checked, changed


def data_points_save(*, actor: Any, measure: Measure, rows: Sequence[Row], source: str) -> tuple[int, int]:
    """Add the rows' periods, replacing the value, denominator and annotation of periods already recorded
    (so loading the same data twice changes nothing). All or nothing. Returns (added, updated)."""
    require(actor, "measurement.edit", measure.project)
    if not rows:
        raise ValidationError({"data": "Give at least one period and value"})
    periods = [r.period for r in rows]
    if len(set(periods)) != len(periods):
        raise ValidationError({"data": "Each period may be given only once"})
    for row in rows:
        wrong = value_problem(measure.value_kind, row.value, row.denominator)
        if wrong:
            raise ValidationError({"data": f"Row {row.row}: {wrong[1]}"})
    rows = [r if measure.is_ratio else Row(r.row, r.period, r.value, r.annotation) for r in rows]
    with transaction.atomic():
        existing = {p.period: p for p in measure.points.select_for_update().filter(period__in=periods)}
        added: list[DataPoint] = []
        changed: list[DataPoint] = []
        for row in rows:
            point = existing.get(row.period)
            if point is None:
                added.append(
                    DataPoint(
                        measure=measure,
                        period=row.period,
                        value=row.value,
                        denominator=row.denominator,
                        annotation=row.annotation,
                    )
                )
            elif (
                point.value != row.value
                or point.denominator != row.denominator
                or (row.annotation and point.annotation != row.annotation)
            ):
                point.value, point.denominator = row.value, row.denominator
                point.annotation = row.annotation or point.annotation
                changed.append(point)
        DataPoint.objects.bulk_create(added)
        DataPoint.objects.bulk_update(changed, ["value", "denominator", "annotation"])
        audit_record(
            actor=actor,
            obj=measure,
            action="data",
            changes={"added": len(added), "updated": len(changed), "source": source},
        )
        measure_refresh(measure)
        if added or changed:
            counted = ", ".join(
                f"{n} {word}" for n, word in ((len(added), "new"), (len(changed), "corrected")) if n
            )
            activity.record(
                subject=measure.project,
                actor=actor,
                text=f"{actor.display_name} recorded data on {measure.name} ({counted})",
            )
    return len(added), len(changed)


def data_point_update(
    *, actor: Any, point: DataPoint, value: float, annotation: str, denominator: float | None = None
) -> DataPoint:
    require(actor, "measurement.edit", point.measure.project)
    wrong = value_problem(point.measure.value_kind, value, denominator)
    if wrong:
        raise ValidationError({wrong[0]: wrong[1]})
    point.value, point.annotation = value, annotation
    point.denominator = denominator if point.measure.is_ratio else None
    _validate(point, exclude=["measure"])
    with transaction.atomic():
        point.save(update_fields=["value", "denominator", "annotation"])
        audit_record(actor=actor, obj=point.measure, action="data", changes={"updated": str(point.period)})
        measure_refresh(point.measure)
    return point


def data_point_delete(*, actor: Any, point: DataPoint) -> None:
    require(actor, "measurement.edit", point.measure.project)
    measure = point.measure
    with transaction.atomic():
        audit_record(actor=actor, obj=measure, action="data", changes={"deleted": str(point.period)})
        point.delete()
        measure_refresh(measure)


def measure_rebaseline(
    *, actor: Any, measure: Measure, period: dt.date, on: bool = True, cycle: PDSACycle | None = None
) -> None:
    """Recalculate the limits from `period` onwards (or stop doing so with on=False); `cycle`: the tested
    change the shift follows, said on the chart."""
    if cycle is not None and cycle.project_id != measure.project_id:
        raise ValidationError({"cycle": "Choose a PDSA cycle of this measure's project"})
    require(actor, "measurement.edit", measure.project)
    point = measure.points.filter(period=period).first()
    if point is None:
        raise ValidationError({"period": "Choose a period that has a value"})
    if on and point.period == measure.points.order_by("period").values_list("period", flat=True).first():
        raise ValidationError({"period": "The first period already starts the baseline: choose a later one"})
    with transaction.atomic():
        DataPoint.objects.filter(pk=point.pk).update(rebaseline=on, rebaseline_cycle=cycle if on else None)
        audit_record(
            actor=actor,
            obj=measure,
            action="rebaselined" if on else "rebaseline removed",
            changes={"period": str(period), **({"follows": str(cycle)} if on and cycle else {})},
        )
        measure_refresh(measure)


def measure_exclude(*, actor: Any, measure: Measure, period: dt.date, on: bool = True) -> None:
    """Leave a period out of the centre line and limits (a known special cause), or bring it back. The
    point stays on the chart and is still tested against the limits."""
    require(actor, "measurement.edit", measure.project)
    with transaction.atomic():
        if not measure.points.filter(period=period).update(excluded=on):
            raise ValidationError({"period": "Choose a period that has a value"})
        audit_record(
            actor=actor,
            obj=measure,
            action="excluded from limits" if on else "included in limits",
            changes={"period": str(period)},
        )
        measure_refresh(measure)


def driver_diagram_save(*, actor: Any, project: Project, text: str) -> DriverDiagram:
    """Save the project's driver diagram from its nested list, or name every line that cannot be placed
    (nothing is saved)."""
    require(actor, "measurement.edit", project)
    root, problems = drivers.parse(text)
    if problems or root is None:
        raise ValidationError(
            {"text": [f"Line {p.line}: {p.message}" if p.line else p.message for p in problems]}
        )
    with transaction.atomic():
        diagram = DriverDiagram.objects.select_for_update().filter(project=project).first()
        before = diagram.text if diagram else ""
        diagram = diagram or DriverDiagram(project=project)
        diagram.text, diagram.updated_by, diagram.updated_at = drivers.as_text(root), actor, timezone.now()
        diagram.save()
        if diagram.text != before:
            nodes = drivers.walk(root)
            audit_record(
                actor=actor,
                obj=project,
                action="driver diagram saved",
                changes={
                    "drivers": sum(n.level in (1, 2) for n in nodes),
                    "change ideas": sum(n.level == 3 for n in nodes),
                },
            )
    return diagram


def measurement_settings_save(*, actor: Any, default_rule_set: str) -> MeasurementSettings:
    """Set the community's rule set; every measure's stored icons are then recomputed by a worker (the
    charts themselves are drawn with the new rules at once)."""
    require(actor, "measurement.configure")
    if default_rule_set not in rulesets.RULE_SETS:
        raise ValidationError({"default_rule_set": "Choose one of the rule sets listed"})
    with transaction.atomic():
        current = MeasurementSettings.objects.select_for_update().filter(pk=1).first()
        before = current.default_rule_set if current else ""
        chosen = current or MeasurementSettings(pk=1)
        chosen.default_rule_set, chosen.updated_by, chosen.updated_at = (
            default_rule_set,
            actor,
            timezone.now(),
        )
        chosen.save()
        if before != default_rule_set:
            audit_record(
                actor=actor,
                obj=chosen,
                action="updated",
                changes={"default_rule_set": [before, default_rule_set]},
            )
            enqueue(measures_refresh)
    return chosen

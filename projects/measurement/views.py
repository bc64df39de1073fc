"""Pages for PDSA cycles, measures, their data and charts, and the measure portfolio."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.exports import Column, export_response
from core.form_fields import add_service_errors
from core.listing import SortOption, build_listing, export_format
from core.once import once
from core.permissions import can
from core.versioning import submitted_version
from projects.spc import CHART_NAMES, MIN_POINTS_RUN, MIN_POINTS_XMR, RULE_LABELS
from projects.spc.advisor import CHARTS_FOR, advise
from projects.spc.chart import TRIAL_BELOW
from projects.spc.icons import ASSURANCE_LABELS, POINT_TYPE_LABELS, VARIATION_LABELS
from projects.spc.svg import chart_svg
from projects.spc.table import chart_rows

from . import due, selectors, services
from .filters import PortfolioFilter
from .forms import (
    DriverDiagramForm,
    MeasureForm,
    MeasurementSettingsForm,
    PasteForm,
    PDSACycleForm,
    PointForm,
    RebaselineForm,
    UploadForm,
)
from .models import Measure


def _require_edit(request: HttpRequest, project: Any) -> None:
    """Pages that change a project's measurement are not found for people outside its team."""
    if not can(request.user, "measurement.edit", project):
        raise Http404("Only the project team can change its measurement")


def _project_section(project_id: int, anchor: str) -> str:
    """The project page, at its PDSA or measures section (templates/projects/_measurement.jinja)."""
    return reverse("projects:detail", kwargs={"pk": project_id}) + f"#{anchor}"


def project_measurement(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = selectors.project_for_user(request.user, project_pk)
    context = {
        "project": project,
        **selectors.measurement_section(project),
    }
    return render(request, "projects/measurement/project.jinja", context)


def driver_diagram_edit(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = selectors.project_for_user(request.user, project_pk)
    _require_edit(request, project)
    current = selectors.driver_diagram(project)
    form = DriverDiagramForm(request.POST or None, initial={"text": current.text if current else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.driver_diagram_save(actor=request.user, project=project, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Driver diagram saved.")
            return redirect(_project_section(project.pk, "drivers-heading"))
    return render(request, "projects/measurement/driver_form.jinja", {"project": project, "form": form})


@once
def pdsa_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = selectors.project_for_user(request.user, project_pk)
    _require_edit(request, project)
    initial = {"change_idea": request.GET.get("change_idea", "")}
    form = PDSACycleForm(request.POST or None, initial=initial, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.pdsa_cycle_create(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "PDSA cycle added.")
            return redirect(_project_section(project.pk, "pdsa-heading"))
    return render(request, "projects/measurement/pdsa_form.jinja", {"project": project, "form": form})


def pdsa_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_user(request.user, pk)
    _require_edit(request, cycle.project)
    form = PDSACycleForm(request.POST or None, instance=cycle, project=cycle.project)
    if request.method == "POST" and form.is_valid():
        try:
            services.pdsa_cycle_update(actor=request.user, cycle=cycle, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "PDSA cycle saved.")
            return redirect(_project_section(cycle.project_id, "pdsa-heading"))
    return render(
        request,
        "projects/measurement/pdsa_form.jinja",
        {"project": cycle.project, "form": form, "cycle": cycle},
    )


@require_POST
def pdsa_delete(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.cycle_for_user(request.user, pk)
    _require_edit(request, cycle.project)
    services.pdsa_cycle_delete(actor=request.user, cycle=cycle)
    messages.success(request, "PDSA cycle deleted.")
    return redirect(_project_section(cycle.project_id, "pdsa-heading"))


@once
def measure_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = selectors.project_for_user(request.user, project_pk)
    _require_edit(request, project)
    form = MeasureForm(request.POST or None, initial={"improvement": "", "chart_type": "xmr"})
    if request.method == "POST" and form.is_valid():
        try:
            measure = services.measure_create(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Measure added. Now add its data.")
            return redirect("projects:measure_detail", pk=measure.pk)
    return render(request, "projects/measurement/measure_form.jinja", {"project": project, "form": form})


def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measure = selectors.measure_for_user(request.user, pk)
    _require_edit(request, measure.project)
    form = MeasureForm(request.POST or None, instance=measure)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_update(
                actor=request.user,
                measure=measure,
                expected_version=submitted_version(request.POST),
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Measure saved.")
            return redirect("projects:measure_detail", pk=measure.pk)
    return render(
        request,
        "projects/measurement/measure_form.jinja",
        {"project": measure.project, "form": form, "measure": measure},
    )


def measure_delete(request: HttpRequest, pk: int) -> HttpResponse:
    measure = selectors.measure_for_user(request.user, pk)
    _require_edit(request, measure.project)
    if request.method == "POST":
        services.measure_delete(actor=request.user, measure=measure)
        messages.success(request, f"Measure “{measure.name}” and its data deleted.")
        return redirect(_project_section(measure.project_id, "measures-heading"))
    return render(request, "projects/measurement/measure_delete.jinja", {"measure": measure})


def _chart_context(measure: Measure, chart_type: str) -> dict[str, Any]:
    points = selectors.measure_points(measure)
    chart = selectors.compute_chart(measure, points, chart_type)
    annotations = {p.period: p.annotation for p in points if p.annotation}
    changes, follows = selectors.change_marks(measure, points)
    return {
        "points": points,
        "chart": chart,
        "rows": chart_rows(chart, annotations, changes, follows),
        "svg": chart_svg(
            chart,
            title=f"Chart of {measure.name}",
            unit=measure.unit,
            period_text=selectors.axis_words(measure),
            period_title=Measure.PERIOD_AXIS_TITLES.get(measure.frequency, "Period"),
            annotations=annotations,
            changes=changes,
            rebase_labels=follows,
        ),
        "changes": changes,
        "findings": selectors.findings(measure, chart),
        "chart_type": chart.chart,
        "chart_choices": [(c, CHART_NAMES[c]) for c in CHARTS_FOR[measure.value_kind]],
        "advice": advise(measure.value_kind, [p.denominator for p in points]),
        "minimum_points": {"limits": MIN_POINTS_XMR, "settled": TRIAL_BELOW, "runs": MIN_POINTS_RUN},
        "variation_labels": VARIATION_LABELS,
        "assurance_labels": ASSURANCE_LABELS,
        "type_labels": POINT_TYPE_LABELS,
        "rule_labels": RULE_LABELS,
    }


def measure_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    measure = selectors.measure_for_user(request.user, pk)
    asked = request.GET.get("type")
    chart_type = asked if asked in CHARTS_FOR[measure.value_kind] else measure.chart_type
    context = _chart_context(measure, chart_type)
    context["measure"] = measure
    context["can_edit"] = can(request.user, "measurement.edit", measure.project)
    missing = due.missing_periods(
        measure.frequency, [p.period for p in context["points"]], timezone.localdate()
    )
    context["data_due"] = due.describe(measure.frequency, missing)
    context["rebaseline_form"] = RebaselineForm(
        periods=[p.period for p in context["points"][1:]],
        cycles=list(measure.project.pdsa_cycles.order_by("start_date", "id")),
    )
    if fmt := export_format(request):
        parts = (
            [Column("Numerator", lambda r: r.numerator), Column("Denominator", lambda r: r.denominator)]
            if measure.is_ratio
            else []
        )
        columns = [
            Column("Period", lambda r: r.period),
            *parts,
            Column("Value", lambda r: r.value),
            Column("Type", lambda r: r.type_label),
            Column("Rules", lambda r: "; ".join(r.rules)),
            Column("Centre line", lambda r: r.centre),
            Column("Lower limit", lambda r: r.lower_limit),
            Column("Upper limit", lambda r: r.upper_limit),
            Column("Left out of the limits", lambda r: "Yes" if r.excluded else ""),
            Column("Annotation", lambda r: r.annotation),
            Column("Rules for special cause", lambda r: context["chart"].rule_set),
        ]
        return export_response(context["rows"], columns, filename=f"measure-{measure.pk}", fmt=fmt)
    return render(request, "projects/measurement/measure_detail.jinja", context)


@once
def measure_add_point(request: HttpRequest, pk: int) -> HttpResponse:
    measure = selectors.measure_for_user(request.user, pk)
    _require_edit(request, measure.project)
    form = PointForm(request.POST or None, measure=measure)
    if request.method == "POST" and form.is_valid():
        added, _updated = services.data_points_save(
            actor=request.user, measure=measure, rows=[form.row()], source="form"
        )
        messages.success(request, "Value added." if added else "Value updated for that period.")
        if "another" in request.POST:
            return redirect("projects:measure_add_point", pk=measure.pk)
        return redirect("projects:measure_detail", pk=measure.pk)
    return render(request, "projects/measurement/point_form.jinja", {"measure": measure, "form": form})


def _rows_page(request: HttpRequest, pk: int, form_class: Any, template: str, source: str) -> HttpResponse:
    measure = selectors.measure_for_user(request.user, pk)
    _require_edit(request, measure.project)
    form = form_class(request.POST or None, request.FILES or None, measure=measure)
    if request.method == "POST" and form.is_valid():
        added, updated = services.data_points_save(
            actor=request.user, measure=measure, rows=form.rows, source=source
        )
        messages.success(
            request,
            f"{added} value{'s' if added != 1 else ''} added"
            + (f", {updated} updated" if updated else "")
            + ".",
        )
        return redirect("projects:measure_detail", pk=measure.pk)
    return render(request, template, {"measure": measure, "form": form, "problems": form.problems})


def measure_paste(request: HttpRequest, pk: int) -> HttpResponse:
    return _rows_page(request, pk, PasteForm, "projects/measurement/paste.jinja", "paste")


def measure_upload(request: HttpRequest, pk: int) -> HttpResponse:
    return _rows_page(request, pk, UploadForm, "projects/measurement/upload.jinja", "upload")


@require_POST
def measure_delete_point(request: HttpRequest, pk: int, point_pk: int) -> HttpResponse:
    measure = selectors.measure_for_user(request.user, pk)
    _require_edit(request, measure.project)
    point = measure.points.filter(pk=point_pk).first()
    if point is not None:
        point.measure = measure
        services.data_point_delete(actor=request.user, point=point)
        messages.success(request, f"The value for {point.period:%-d %B %Y} has been deleted.")
    return redirect("projects:measure_detail", pk=measure.pk)


def _period_action(
    request: HttpRequest,
    pk: int,
    *,
    undo: str,
    act: Callable[[Measure, dt.date, bool], None],
    no_period: str,
    done: Callable[[dt.date, bool], str],
) -> HttpResponse:
    """A change to one period of a measure's chart, turned on or (with action=`undo`) off: the period is
    checked, the service asked, and the outcome said on the measure's page."""
    measure = selectors.measure_for_user(request.user, pk)
    _require_edit(request, measure.project)
    on = request.POST.get("action") != undo
    try:
        period = dt.date.fromisoformat(request.POST.get("period", ""))
    except ValueError:
        messages.error(request, no_period)
        return redirect("projects:measure_detail", pk=measure.pk)
    try:
        act(measure, period, on)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done(period, on))
    return redirect("projects:measure_detail", pk=measure.pk)


@require_POST
def measure_rebaseline(request: HttpRequest, pk: int) -> HttpResponse:
    def act(measure: Measure, period: dt.date, on: bool) -> None:
        chosen = request.POST.get("cycle", "")
        cycle = measure.project.pdsa_cycles.filter(pk=int(chosen)).first() if chosen.isdigit() else None
        services.measure_rebaseline(actor=request.user, measure=measure, period=period, on=on, cycle=cycle)

    return _period_action(
        request,
        pk,
        undo="remove",
        act=act,
        no_period="Choose a period to recalculate the limits from.",
        done=lambda period, on: (
            f"Limits recalculated from {period:%-d %B %Y}."
            if on
            else f"Re-baseline at {period:%-d %B %Y} removed."
        ),
    )


@require_POST
def measure_exclude(request: HttpRequest, pk: int) -> HttpResponse:
    return _period_action(
        request,
        pk,
        undo="include",
        act=lambda measure, period, on: services.measure_exclude(
            actor=request.user, measure=measure, period=period, on=on
        ),
        no_period="Choose a period to leave out of the limits.",
        done=lambda period, on: (
            f"{period:%-d %B %Y} is left out of the centre line and limits."
            if on
            else f"{period:%-d %B %Y} counts towards the centre line and limits again."
        ),
    )


def measurement_settings(request: HttpRequest) -> HttpResponse:
    """The community's measurement settings: for community admins (the route's gate and the service's
    rule both say so)."""
    current = selectors.community_rule_set()
    form = MeasurementSettingsForm(request.POST or None, initial={"default_rule_set": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.measurement_settings_save(
                actor=request.user, default_rule_set=form.cleaned_data["default_rule_set"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "Saved. Every chart now uses these rules unless its measure chooses its own."
            )
            return redirect("projects:measurement_settings")
    return render(request, "projects/measurement/settings.jinja", {"form": form})


PORTFOLIO_SORTS = [
    SortOption("project", "Project", ("project__title", "name")),
    SortOption("name", "Measure", ("name", "id")),
    SortOption("latest", "Latest data first", ("-latest_period", "name")),
]
PORTFOLIO_COLUMNS = [
    Column("Project", lambda m: m.project.title),
    Column("Measure", lambda m: m.name),
    Column("Type", lambda m: m.get_kind_display()),
    Column("Recorded as", lambda m: m.get_value_kind_display()),
    Column("Chart", lambda m: m.get_chart_type_display()),
    Column("Unit", lambda m: m.unit),
    Column("Improvement", lambda m: m.get_improvement_display()),
    Column("Target", lambda m: m.target),
    Column("Latest period", lambda m: m.latest_period),
    Column("Latest value", lambda m: m.latest_value),
    Column("Points", lambda m: m.point_count),
    Column("Variation", lambda m: VARIATION_LABELS.get(m.variation, "")),
    Column("Assurance", lambda m: ASSURANCE_LABELS.get(m.assurance, "")),
]


def measures_portfolio(request: HttpRequest) -> HttpResponseBase:
    listing = build_listing(
        request,
        filterset_class=PortfolioFilter,
        queryset=selectors.portfolio_measures(request.user),
        sort_options=PORTFOLIO_SORTS,
        default_sort="project",
    )
    if fmt := export_format(request):
        return export_response(listing.ordered, PORTFOLIO_COLUMNS, filename="measures", fmt=fmt)
    return render(
        request,
        "projects/measurement/portfolio.jinja",
        {"listing": listing, "variation_labels": VARIATION_LABELS, "assurance_labels": ASSURANCE_LABELS},
    )

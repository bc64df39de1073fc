"""Dashboard pages: they read stored snapshots only, so they render with Redis or the worker down."""

from __future__ import annotations

import datetime
import operator
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from core.exports import Column, export_response
from dashboards import params as dashboard_params
from dashboards import registry, rendering, shape, triggers
from dashboards import selectors as dashboard_selectors
from dashboards import services as dashboard_services
from dashboards.models import DashboardSnapshot
from governance import selectors
from governance.forms import DashboardFilterForm
from governance.plan import rag_counts


def stale_after() -> datetime.timedelta:
    return datetime.timedelta(minutes=int(getattr(settings, "DASHBOARD_STALE_MINUTES", 60)))


def panel(
    dashboard: registry.Dashboard, snapshot: DashboardSnapshot | None, *, summary: bool = False
) -> dict[str, Any]:
    """What a page needs to draw one dashboard from its snapshot, with how old and how healthy it is. With
    `summary`, the snapshot comes from `dashboards.selectors.summaries` and `data` holds only the headline
    figures and the charts' titles."""
    now = timezone.now()
    stored = None
    if snapshot is not None and not summary:  # built before `page` existed: shortened here, as a build would
        stored = snapshot.page or (shape.for_page(snapshot.data) if snapshot.data else None)
    data = getattr(snapshot, "summary", None) if summary else stored
    built_at = snapshot.built_at if snapshot else None
    return {
        "dashboard": dashboard,
        "snapshot": snapshot,
        "data": data,
        "built_at": built_at,
        "failed": bool(snapshot and snapshot.status == DashboardSnapshot.Status.FAILED),
        "stale": bool(built_at and now - built_at > stale_after()),
    }


def _panels(
    request: HttpRequest, keys: list[str], *, summary: bool = False
) -> tuple[DashboardFilterForm, list[dict[str, Any]]]:
    form = DashboardFilterForm(request.GET or None)
    chosen = form.parameters()
    panels = []
    wanted = [d for d in registry.all_dashboards() if d.key in keys]
    stored: dict[str, DashboardSnapshot] = {}
    by_params: dict[str, list[registry.Dashboard]] = {}
    for dashboard in wanted:
        cleaned = dashboard_params.clean(chosen, dashboard.filters)
        by_params.setdefault(dashboard_params.key_of(cleaned), []).append(dashboard)
    for params_key, group in by_params.items():
        group_keys = [d.key for d in group]
        found = (
            dashboard_selectors.summaries(params_key, group_keys)
            if summary
            else dashboard_selectors.snapshots(params_key, group_keys, for_page=True)
        )
        stored.update(found)
    for dashboard in wanted:
        cleaned = dashboard_params.clean(chosen, dashboard.filters)
        snapshot = stored.get(dashboard.key)
        never_built = snapshot is None or snapshot.status == DashboardSnapshot.Status.PENDING
        if never_built:
            # Never built for these filters: ask for it (debounced) and say it is being prepared.
            triggers.schedule_rebuild(dashboard.key, cleaned, dashboard_params.key_of(cleaned), countdown=0)
        panels.append(panel(dashboard, snapshot, summary=summary))
    return form, panels


def dashboards(request: HttpRequest) -> HttpResponse:
    """One card per dashboard: its headline figures, what its charts show, and a link to them."""
    form, panels = _panels(request, [d.key for d in registry.all_dashboards()], summary=True)
    return render(
        request,
        "governance/dashboards.jinja",
        {
            "filter_form": form,
            "panels": panels,
            "filtered": bool(form.parameters()),
            "chart_table": rendering.chart_table,
        },
    )


def dashboard(request: HttpRequest, key: str) -> HttpResponse:
    if registry.get(key) is None:
        raise Http404
    form, panels = _panels(request, [key])
    return render(
        request,
        "governance/dashboard.jinja",
        {
            "filter_form": form,
            "panel": panels[0],
            "filtered": bool(form.parameters()),
            "chart_table": rendering.chart_table,
            "shown_sentence": shape.shown_sentence,
        },
    )


def chart_csv(request: HttpRequest, key: str, chart: str) -> HttpResponse:
    dashboard_def = registry.get(key)
    if dashboard_def is None:
        raise Http404
    form = DashboardFilterForm(request.GET or None)
    cleaned = dashboard_params.clean(form.parameters(), dashboard_def.filters)
    snapshot = dashboard_selectors.snapshots(dashboard_params.key_of(cleaned), [key]).get(key)
    data = snapshot.data if snapshot else None
    found = next((c for c in (data or {}).get("charts", []) if c["id"] == chart), None)
    if found is None:
        raise Http404
    columns = [Column(name, operator.itemgetter(i)) for i, name in enumerate(found["columns"])]
    suffix = f"-{dashboard_params.key_of(cleaned).replace('&', '-').replace('=', '-')}" if cleaned else ""
    return export_response(found["rows"], columns, filename=f"{key}-{chart}{suffix}", fmt="csv")  # type: ignore[return-value]


def summary(request: HttpRequest) -> HttpResponse:
    """What every member of staff may see: headline figures of the public dashboards and the plan's RAG."""

    public = [d for d in registry.all_dashboards() if d.public_summary]
    stored = dashboard_selectors.summaries("", [d.key for d in public])
    panels = [panel(d, stored.get(d.key), summary=True) for d in public]
    return render(
        request,
        "governance/summary.jinja",
        {"panels": panels, "rag": rag_counts(a.current_rag for a in selectors.delivery_actions_plain())},
    )


def rebuild(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        request_ = dashboard_services.dashboards_rebuild_request(actor=request.user)
        messages.info(request, "A rebuild of every dashboard has been queued.")
        return redirect("governance:rebuild_progress", pk=request_.pk)
    stored = dashboard_selectors.snapshots("")
    return render(
        request,
        "governance/rebuild.jinja",
        {
            "rebuilds": dashboard_selectors.recent_rebuilds(),
            "panels": [panel(d, stored.get(d.key)) for d in registry.all_dashboards()],
        },
    )


def rebuild_progress(request: HttpRequest, pk: int) -> HttpResponse:
    found = dashboard_selectors.rebuild(pk)
    if found is None:
        raise Http404
    return render(request, "governance/rebuild_progress.jinja", {"rebuild": found})

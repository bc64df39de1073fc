"""Celery tasks: rebuild dashboards (after data changes, on the beat schedule, on an admin's request).
Each takes keys or ids, loads what it needs and calls a service.

The task names are the wire names they had when the machinery lived in governance, so that tasks queued
before an upgrade still run after it."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from dashboards import params as dashboard_params
from dashboards import pending, rebuilds, registry, snapshots


@shared_task(name="governance.rebuild_dashboard")
def rebuild_dashboard(key: str, parameters: dict[str, Any] | None = None) -> list[str]:
    """Rebuild one dashboard: one parameter set when given, else every set stored for it."""
    dashboard = registry.get(key)
    if dashboard is None:
        return []
    if parameters:
        cleaned = dashboard_params.clean(parameters, dashboard.filters)
        pending.clear_pending(key, dashboard_params.key_of(cleaned))
        built = [snapshots.rebuild(key, cleaned)]
    else:
        pending.clear_pending(key)
        built = snapshots.rebuild_everything([key])
    return [f"{s.dashboard}[{s.params_key}]:{s.status}" for s in built]


# Late acknowledgement (settings) hands a task back when its worker is lost; each job's claim is a lease
# as long as its hard time limit (core.jobs), and the sweep fails those left running.
@shared_task(
    name="governance.rebuild_all",
    reject_on_worker_lost=True,
    soft_time_limit=10 * 60,
    time_limit=rebuilds.REBUILD_TIME_LIMIT,
)
def rebuild_all(rebuild_id: int | None = None) -> int:
    """Rebuild every registered dashboard; with a rebuild id, record progress for the admin's page."""
    return rebuilds.dashboards_rebuild_run(rebuild_id=rebuild_id)

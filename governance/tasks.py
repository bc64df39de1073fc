"""Celery tasks: rebuild dashboards (on the beat schedule, after data changes, on an admin's request) and
build board packs. Each takes ids or keys, loads what it needs and calls a service."""

from __future__ import annotations

from typing import Any

from celery import shared_task


@shared_task(name="governance.rebuild_dashboard")
def rebuild_dashboard(key: str, parameters: dict[str, Any] | None = None) -> list[str]:
    """Rebuild one dashboard: one parameter set when given, else every set stored for it."""
    from governance.dashboards import params as dashboard_params
    from governance.dashboards import registry, snapshots, triggers

    dashboard = registry.get(key)
    if dashboard is None:
        return []
    if parameters:
        cleaned = dashboard_params.clean(parameters, dashboard.filters)
        triggers.clear_pending(key, dashboard_params.key_of(cleaned))
        built = [snapshots.rebuild(key, cleaned)]
    else:
        triggers.clear_pending(key)
        built = snapshots.rebuild_everything([key])
    return [f"{s.dashboard}[{s.params_key}]:{s.status}" for s in built]


# Late acknowledgement (settings) hands a task back when its worker is lost; each job's claim is a lease
# as long as its hard time limit (core.jobs), and `sweep_abandoned` fails those left running.
@shared_task(
    name="governance.rebuild_all", reject_on_worker_lost=True, soft_time_limit=10 * 60, time_limit=12 * 60
)
def rebuild_all(rebuild_id: int | None = None) -> int:
    """Rebuild every registered dashboard; with a rebuild id, record progress for the admin's page."""
    from governance import services

    return services.dashboards_rebuild_run(rebuild_id=rebuild_id)


@shared_task(
    name="governance.build_board_pack", reject_on_worker_lost=True, soft_time_limit=5 * 60, time_limit=6 * 60
)
def build_board_pack(pack_id: int) -> str:
    from governance import board_pack

    return board_pack.build(pack_id)


@shared_task(name="governance.sweep_abandoned")
def sweep_abandoned() -> int:
    """Fail rebuild requests and board packs whose worker died (beat runs it every few minutes)."""
    from governance.services.dashboards import jobs_sweep_abandoned

    return jobs_sweep_abandoned()

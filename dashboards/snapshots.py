"""Building and storing snapshots. Rebuilds are idempotent (one row per dashboard and parameter set,
updated in place) and a failure never overwrites the last good data."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from dashboards import params as dashboard_params
from dashboards import registry
from dashboards.figures import add_figures
from dashboards.models import DashboardSnapshot
from dashboards.shape import check, for_page

logger = logging.getLogger(__name__)


class UnknownDashboard(LookupError):
    pass


def rebuild(key: str, parameters: dict[str, Any] | None = None) -> DashboardSnapshot:
    """Build one dashboard for one parameter set and store it; on failure keep the last good data."""
    dashboard = registry.get(key)
    if dashboard is None:
        raise UnknownDashboard(key)
    cleaned = dashboard_params.clean(parameters or {}, dashboard.filters)
    params_key = dashboard_params.key_of(cleaned)
    started = time.perf_counter()
    now = timezone.now()
    try:
        data = add_figures(check(dashboard.build(dict(cleaned))))
    except Exception as exc:
        logger.exception("Dashboard %s [%s] failed to rebuild", key, params_key)
        with transaction.atomic():
            snapshot, _ = DashboardSnapshot.objects.select_for_update().get_or_create(
                dashboard=key, params_key=params_key, defaults={"parameters": cleaned}
            )
            snapshot.status = DashboardSnapshot.Status.FAILED
            snapshot.error = f"{type(exc).__name__}: {exc}"[:2000]
            snapshot.attempted_at = now
            snapshot.save(update_fields=["status", "error", "attempted_at"])
        return snapshot
    duration_ms = int((time.perf_counter() - started) * 1000)
    snapshot, _ = DashboardSnapshot.objects.update_or_create(
        dashboard=key,
        params_key=params_key,
        defaults={
            "parameters": cleaned,
            "data": data,
            "page": for_page(data),
            "built_at": now,
            "attempted_at": now,
            "duration_ms": duration_ms,
            "status": DashboardSnapshot.Status.OK,
            "error": "",
        },
    )
    return snapshot


def parameter_sets(key: str) -> list[dict[str, Any]]:
    """The default (unfiltered) set first, then every filtered set someone has asked for before."""
    stored = (
        DashboardSnapshot.objects.filter(dashboard=key)
        .exclude(params_key="")
        .order_by("params_key")
        .values_list("parameters", flat=True)
    )
    return [{}, *stored]


def rebuild_everything(
    keys: list[str] | None = None, progress: Callable[[int, int, list[str]], None] | None = None
) -> list[DashboardSnapshot]:
    """Rebuild every parameter set of the given dashboards (all registered ones by default)."""
    chosen = keys if keys is not None else [d.key for d in registry.all_dashboards()]
    work = [(key, p) for key in chosen if registry.get(key) for p in parameter_sets(key)]
    results: list[DashboardSnapshot] = []
    failures: list[str] = []
    if progress:
        progress(0, len(work), failures)
    for done, (key, p) in enumerate(work, start=1):
        snapshot = rebuild(key, p)
        results.append(snapshot)
        if snapshot.status == DashboardSnapshot.Status.FAILED:
            failures.append(f"{key} [{snapshot.params_key or 'all'}]: {snapshot.error}")
        if progress:
            progress(done, len(work), failures)
    return results

"""Reads of stored snapshots and of rebuilds people asked for. Dashboard pages read only snapshots."""

from __future__ import annotations

from django.db.models import QuerySet

from dashboards.models import DashboardRebuild, DashboardSnapshot


def snapshots(params_key: str = "", keys: list[str] | None = None) -> dict[str, DashboardSnapshot]:
    """The stored snapshots for one parameter set, by dashboard key, in one query."""
    rows = DashboardSnapshot.objects.filter(params_key=params_key)
    if keys is not None:
        rows = rows.filter(dashboard__in=keys)
    return {s.dashboard: s for s in rows}


def snapshot_list() -> QuerySet[DashboardSnapshot]:
    return DashboardSnapshot.objects.order_by("dashboard", "params_key")


def rebuild(pk: int) -> DashboardRebuild | None:
    return DashboardRebuild.objects.select_related("requested_by").filter(pk=pk).first()


def recent_rebuilds(limit: int = 5) -> list[DashboardRebuild]:
    return list(DashboardRebuild.objects.select_related("requested_by")[:limit])

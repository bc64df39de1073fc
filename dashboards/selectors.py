"""Reads of stored snapshots and of rebuilds people asked for. Dashboard pages read only snapshots."""

from __future__ import annotations

from django.db.models import F, Func, JSONField, Q, QuerySet, TextField, Value
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Cast

from dashboards.models import DashboardRebuild, DashboardSnapshot


def snapshots(
    params_key: str = "", keys: list[str] | None = None, *, for_page: bool = False
) -> dict[str, DashboardSnapshot]:
    """The stored snapshots for one parameter set, by dashboard key, in one query. `for_page`: without
    the full data, for a page that draws `page` (a snapshot built before `page` existed reads its data
    when asked)."""
    rows = DashboardSnapshot.objects.filter(params_key=params_key)
    rows = rows.defer("data") if for_page else rows.defer("page")
    if keys is not None:
        rows = rows.filter(dashboard__in=keys)
    return {s.dashboard: s for s in rows}


def summaries(params_key: str = "", keys: list[str] | None = None) -> dict[str, DashboardSnapshot]:
    """Like `snapshots`, without the stored data or page (which can run to megabytes at national size; the
    six pages alone, 240 KB of JSON to decode on every view of the index): each with
    `summary`, a dict of its `headline` figures and its charts' `chart_titles`, or None before a build.
    The database picks those out of the data."""
    rows = DashboardSnapshot.objects.filter(params_key=params_key).defer("data", "page")
    if keys is not None:
        rows = rows.filter(dashboard__in=keys)
    rows = rows.annotate(
        has_data=Q(data__isnull=False),
        headline=KeyTransform("headline", "data"),
        chart_titles=Func(
            F("data"), Value("$.charts[*].title"), function="jsonb_path_query_array", output_field=JSONField()
        ),
    )
    found: dict[str, DashboardSnapshot] = {}
    for row in rows:
        summary = {"headline": row.headline or [], "chart_titles": row.chart_titles or []}
        row.summary = summary if row.has_data else None  # type: ignore[attr-defined]
        found[row.dashboard] = row
    return found


def snapshot_list() -> QuerySet[DashboardSnapshot]:
    """Every snapshot for other systems, its data as JSON text (`data_text`, to be sent as it is, not
    decoded); without the page drawn from it (a shortened copy)."""
    return (
        DashboardSnapshot.objects.defer("page", "data")
        .annotate(data_text=Cast("data", TextField()))
        .order_by("dashboard", "params_key")
    )


def rebuild(pk: int) -> DashboardRebuild | None:
    return DashboardRebuild.objects.select_related("requested_by").filter(pk=pk).first()


def recent_rebuilds(limit: int = 5) -> list[DashboardRebuild]:
    return list(DashboardRebuild.objects.select_related("requested_by")[:limit])

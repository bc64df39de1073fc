"""Asking for dashboard rebuilds and recording their progress."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from core import jobs
from core.audit import audit_record
from core.tasks import QUEUE_UNAVAILABLE, enqueue
from governance.board_pack import PACK_LEASE
from governance.dashboards import registry, snapshots
from governance.models import BoardPack, DashboardRebuild


def dashboards_rebuild_request(*, actor: Any) -> DashboardRebuild:
    """An admin's "rebuild now": record the request and queue it; if the queue is unavailable, say so on
    the request itself instead of failing the page."""
    from governance.tasks import rebuild_all

    with transaction.atomic():
        rebuild = DashboardRebuild.objects.create(
            requested_by=actor, dashboards=[d.key for d in registry.all_dashboards()]
        )
        audit_record(actor=actor, obj=rebuild, action="requested")

    def not_queued() -> None:
        DashboardRebuild.objects.filter(pk=rebuild.pk, status=DashboardRebuild.Status.QUEUED).update(
            status=DashboardRebuild.Status.FAILED,
            failures=[QUEUE_UNAVAILABLE],
            finished_at=timezone.now(),
        )

    enqueue(rebuild_all, rebuild_id=rebuild.pk, on_failure=not_queued)
    return rebuild


REBUILD_TIME_LIMIT = 12 * 60  # seconds: the full rebuild task's hard time limit (governance.tasks)
REBUILD_LEASE = jobs.lease(REBUILD_TIME_LIMIT)


def jobs_sweep_abandoned() -> int:
    """Rebuild requests and board packs whose worker died mid-run end failed, with the reason; the last
    good snapshots stay, since a snapshot is replaced only when its rebuild succeeds."""
    rebuilds = jobs.sweep(
        DashboardRebuild,
        field="status",
        running=DashboardRebuild.Status.RUNNING,
        failed=DashboardRebuild.Status.FAILED,
        lease_for=REBUILD_LEASE,
        failures=[jobs.ABANDONED],
    )
    packs = jobs.sweep(
        BoardPack,
        field="status",
        running=BoardPack.Status.RUNNING,
        failed=BoardPack.Status.FAILED,
        lease_for=PACK_LEASE,
        error=jobs.ABANDONED,
    )
    return rebuilds + packs


def dashboards_rebuild_run(*, rebuild_id: int | None) -> int:
    """Rebuild every dashboard. With a request id, claim it (a second delivery of the same task does
    nothing) and record progress as each snapshot is built."""
    if rebuild_id is None:
        return len(snapshots.rebuild_everything())
    claimed = jobs.claim(
        DashboardRebuild,
        rebuild_id,
        field="status",
        waiting=[DashboardRebuild.Status.QUEUED],
        running=DashboardRebuild.Status.RUNNING,
        lease_for=REBUILD_LEASE,
    )
    if not claimed:
        return 0

    def progress(done: int, total: int, failures: list[str]) -> None:
        DashboardRebuild.objects.filter(pk=rebuild_id).update(done=done, total=total, failures=failures)

    built = snapshots.rebuild_everything(progress=progress)
    failed = any(s.status == "failed" for s in built)
    DashboardRebuild.objects.filter(pk=rebuild_id).update(
        status=DashboardRebuild.Status.FAILED if failed else DashboardRebuild.Status.DONE,
        finished_at=timezone.now(),
    )
    return len(built)

"""Running a full rebuild (recording the progress of one someone asked for), and failing those whose
worker died."""

from __future__ import annotations

from django.utils import timezone

from core import jobs
from dashboards import snapshots
from dashboards.models import DashboardRebuild

REBUILD_TIME_LIMIT = 12 * 60  # seconds: the full rebuild task's hard time limit (dashboards.tasks)
REBUILD_LEASE = jobs.lease(REBUILD_TIME_LIMIT)


def rebuilds_sweep_abandoned() -> int:
    """Rebuild requests whose worker died mid-run end failed, with the reason; the last good snapshots
    stay, since a snapshot is replaced only when its rebuild succeeds."""
    return jobs.sweep(
        DashboardRebuild,
        field="status",
        running=DashboardRebuild.Status.RUNNING,
        failed=DashboardRebuild.Status.FAILED,
        lease_for=REBUILD_LEASE,
        failures=[jobs.ABANDONED],
    )


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

"""No job stays "running" after its worker dies: a killed worker's board pack ends failed with the reason,
a redelivered task finishes it, and a fresh run is never taken from a live worker."""

from __future__ import annotations

import datetime
import os
import signal
import time

import pytest
from django.db import connection, transaction
from django.utils import timezone

from core import jobs
from dashboards.models import DashboardRebuild, DashboardSnapshot
from governance import board_pack
from governance.models import BoardPack
from governance.tasks import build_board_pack, sweep_abandoned
from tests.workers import running_worker


def _running(started_minutes_ago: float, **kwargs) -> BoardPack:  # type: ignore[no-untyped-def]
    pack = BoardPack.objects.create(title="Board pack", status=BoardPack.Status.RUNNING, **kwargs)
    started = timezone.now() - datetime.timedelta(minutes=started_minutes_ago)
    BoardPack.objects.filter(pk=pack.pk).update(started_at=started)
    return pack


@pytest.mark.django_db
def test_the_sweep_fails_jobs_whose_lease_ran_out_and_leaves_live_ones():
    abandoned, live = _running(60), _running(1)
    rebuild = DashboardRebuild.objects.create(status=DashboardRebuild.Status.RUNNING)
    DashboardRebuild.objects.filter(pk=rebuild.pk).update(
        started_at=timezone.now() - datetime.timedelta(hours=1)
    )

    assert sweep_abandoned() == 2

    abandoned.refresh_from_db()
    live.refresh_from_db()
    rebuild.refresh_from_db()
    assert abandoned.status == BoardPack.Status.FAILED and abandoned.error == jobs.ABANDONED
    assert abandoned.finished_at is not None
    assert live.status == BoardPack.Status.RUNNING
    assert rebuild.status == DashboardRebuild.Status.FAILED and rebuild.failures == [jobs.ABANDONED]


@pytest.mark.django_db
def test_a_redelivered_task_takes_over_an_expired_run_but_never_a_live_one():
    live = _running(1)
    assert board_pack.build(live.pk) == "skipped"
    expired = _running(60)
    assert board_pack.build(expired.pk) == "ready"
    expired.refresh_from_db()
    assert expired.status == BoardPack.Status.READY and expired.pdf


def _end_orphaned_sessions() -> None:
    """The killed worker's database session lives on until PostgreSQL notices its client is gone; end it,
    as the server would, so it cannot hold locks into the next test's flush."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_build_leaves_a_failed_pack_and_the_last_good_snapshot():
    good = DashboardSnapshot.objects.create(dashboard="community", params_key="", data={"charts": []})
    pack = BoardPack.objects.create(title="Board pack")
    with running_worker() as worker, transaction.atomic():
        # Hold the worker inside the build: its first read of the snapshots waits on this lock.
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {DashboardSnapshot._meta.db_table} IN ACCESS EXCLUSIVE MODE")
        build_board_pack.apply_async(args=[pack.pk], queue=worker.queue)
        deadline = time.monotonic() + 60
        while BoardPack.objects.get(pk=pack.pk).status != BoardPack.Status.RUNNING:
            assert time.monotonic() < deadline, "the worker never claimed the pack"
            time.sleep(0.1)
        os.kill(worker.process.pid, signal.SIGKILL)
        worker.process.wait(timeout=20)
    pack.refresh_from_db()
    assert pack.status == BoardPack.Status.RUNNING  # what people saw for ever before the sweep

    later = timezone.now() + board_pack.PACK_LEASE + datetime.timedelta(seconds=1)
    swept = jobs.sweep(
        BoardPack,
        field="status",
        running=BoardPack.Status.RUNNING,
        failed=BoardPack.Status.FAILED,
        lease_for=board_pack.PACK_LEASE,
        now=later,
        error=jobs.ABANDONED,
    )
    assert swept == 1
    pack.refresh_from_db()
    assert pack.status == BoardPack.Status.FAILED and "worker stopped" in pack.error
    assert DashboardSnapshot.objects.get(pk=good.pk).data == {"charts": []}

"""Celery tasks: build board packs, and fail long jobs whose worker died. Each takes ids, loads what it
needs and calls a service. (Dashboard rebuilds are `dashboards.tasks`.)"""

from __future__ import annotations

from celery import shared_task

from dashboards.rebuilds import rebuilds_sweep_abandoned
from governance import board_pack


# Late acknowledgement (settings) hands a task back when its worker is lost; each job's claim is a lease
# as long as its hard time limit (core.jobs), and `sweep_abandoned` fails those left running.
@shared_task(
    name="governance.build_board_pack",
    reject_on_worker_lost=True,
    soft_time_limit=board_pack.PACK_TIME_LIMIT - 60,
    time_limit=board_pack.PACK_TIME_LIMIT,
)
def build_board_pack(pack_id: int) -> str:
    return board_pack.build(pack_id)


@shared_task(name="governance.sweep_abandoned")
def sweep_abandoned() -> int:
    """Fail rebuild requests and board packs whose worker died (beat runs it every few minutes)."""
    return rebuilds_sweep_abandoned() + board_pack.sweep_abandoned()

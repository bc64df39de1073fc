"""Background jobs whose progress people watch (imports, dashboard rebuilds, board packs) never stay
"running" after their worker dies.

A job is claimed with a conditional update that records when it started; the claim is a lease as long
as the task's hard time limit plus a margin. Celery ends a task at its hard limit, so a job still
"running" after its lease belongs to a worker that died (killed, out of memory, the machine restarted).
A redelivered task may claim such a job again (late acknowledgement hands the message back when the
worker is lost), and the periodic sweep marks any left over as failed, with the reason shown to people,
who can then start it again.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.utils import timezone

LEASE_MARGIN = datetime.timedelta(minutes=2)
ABANDONED = "The job stopped part-way, because its worker stopped; nothing was saved. Start it again."


def lease(hard_time_limit_seconds: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=hard_time_limit_seconds) + LEASE_MARGIN


def claim(
    model: type[models.Model],
    pk: int,
    *,
    field: str,
    waiting: list[str],
    running: str,
    lease_for: datetime.timedelta,
    **updates: Any,
) -> bool:
    """Move the job from a waiting state (or an expired run) to running, recording when; False when
    another worker has it."""
    now = timezone.now()
    expired = models.Q(**{field: running}, started_at__lt=now - lease_for)
    waiting_q = models.Q(**{f"{field}__in": waiting})
    claimed = model._default_manager.filter(waiting_q | expired, pk=pk).update(
        **{field: running}, started_at=now, **updates
    )
    return bool(claimed)


def sweep(
    model: type[models.Model],
    *,
    field: str,
    running: str,
    failed: str,
    lease_for: datetime.timedelta,
    now: datetime.datetime | None = None,
    **updates: Any,
) -> int:
    """Mark every job whose lease has run out as failed; returns how many."""
    now = now or timezone.now()
    return model._default_manager.filter(**{field: running}, started_at__lt=now - lease_for).update(
        **{field: failed}, finished_at=now, **updates
    )

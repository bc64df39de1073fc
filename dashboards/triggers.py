"""Rebuild dashboards soon after the data they summarise changes, debounced and deduplicated.

Apps call `data_changed("training.record")` (a source name a dashboard declared) or
`data_changed("capability")` (a dashboard key) from their services or signals, as often as they like.
When the change commits, the first call claims a short-lived Redis key per dashboard with SET NX and
queues one rebuild with a countdown; calls while that key exists do nothing (and calls repeated within
one transaction ask once). The rebuild task deletes the key when it starts, so a
change made during a rebuild queues the next one. With Redis down nothing is raised: the beat schedule
catches up.
"""

from __future__ import annotations

import contextlib
import logging
import time
from typing import Any

from django.db import transaction

from dashboards import registry
from dashboards.pending import (
    PENDING_PREFIX,
    already_asked_in_this_transaction,
    clear_pending,
    debounce_seconds,
    forget_asked,
    pending_key,
    redis_client,
)
from dashboards.tasks import rebuild_dashboard

logger = logging.getLogger(__name__)

# After Redis fails, stop trying for this long, so that a burst of saves is not slowed by timeouts.
BACKOFF_SECONDS = 30.0
_redis_failed_at: float | None = None


def data_changed(key_or_source: str) -> list[str]:
    """Note that data behind some dashboards changed; returns the dashboard keys a rebuild was queued for."""
    queued = []
    for key in registry.keys_for(key_or_source):
        if schedule_rebuild(key):
            queued.append(key)
    return queued


def schedule_rebuild(
    key: str, parameters: dict[str, Any] | None = None, params_key: str = "", countdown: int | None = None
) -> bool:
    """Queue one rebuild unless one is already pending (after the debounce delay unless `countdown` is
    given: a filter someone is waiting for is built at once); never raises.

    Nothing touches Redis until the change commits: the pending mark is claimed (SET NX) and the task
    sent then, so a rolled-back save neither blocks later rebuilds nor rebuilds for nothing. Returns
    whether a rebuild was asked for: at once outside a transaction, on commit inside one."""
    name = pending_key(key, params_key)
    delay = debounce_seconds() if countdown is None else countdown
    if _backing_off() or already_asked_in_this_transaction(name):
        return False
    outcome: list[bool] = []

    def claim_and_send() -> None:
        global _redis_failed_at
        forget_asked(name)
        if _backing_off():
            outcome.append(False)
            return
        try:
            client = redis_client()
            claimed = bool(client.set(name, "1", nx=True, ex=debounce_seconds() + 300))
        except Exception:
            _redis_failed_at = time.monotonic()
            logger.warning(
                "Redis is unavailable; dashboard %s will be rebuilt on schedule", key, exc_info=True
            )
            outcome.append(False)
            return
        _redis_failed_at = None
        if claimed:
            try:
                rebuild_dashboard.apply_async(
                    args=[key], kwargs={"parameters": parameters}, countdown=delay, retry=False
                )
            except Exception:
                logger.warning("Could not queue a rebuild of %s", key, exc_info=True)
                with contextlib.suppress(Exception):
                    client.delete(name)
                claimed = False
        outcome.append(claimed)

    transaction.on_commit(claim_and_send)
    return outcome[0] if outcome else True


def _backing_off() -> bool:
    return _redis_failed_at is not None and time.monotonic() - _redis_failed_at < BACKOFF_SECONDS


__all__ = [
    "PENDING_PREFIX",
    "clear_pending",
    "data_changed",
    "pending_key",
    "redis_client",
    "schedule_rebuild",
]

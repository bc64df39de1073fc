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

from django.conf import settings
from django.db import transaction

from governance.dashboards import registry

logger = logging.getLogger(__name__)

PENDING_PREFIX = "governance:dashboard-pending:"
# After Redis fails, stop trying for this long, so that a burst of saves is not slowed by timeouts.
BACKOFF_SECONDS = 30.0
_redis_failed_at: float | None = None
_shared_client: tuple[str, Any] | None = None


def debounce_seconds() -> int:
    return int(getattr(settings, "DASHBOARD_DEBOUNCE_SECONDS", 30))


def redis_client() -> Any:
    """The process's one client (a connection pool shared by every save), for the current broker URL."""
    global _shared_client
    url = settings.CELERY_BROKER_URL
    if _shared_client is None or _shared_client[0] != url:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2, retry_on_timeout=False)
        _shared_client = (url, client)
    return _shared_client[1]


def pending_key(dashboard: str, params_key: str = "") -> str:
    return PENDING_PREFIX + dashboard + (f"?{params_key}" if params_key else "")


def data_changed(key_or_source: str) -> list[str]:
    """Note that data behind some dashboards changed; returns the dashboard keys a rebuild was queued for."""
    queued = []
    for key in registry.keys_for(key_or_source):
        if schedule_rebuild(key):
            queued.append(key)
    return queued


def _already_asked_in_this_transaction(name: str) -> bool:
    """Whether this transaction has already asked for `name` (a burst of saves asks once). The mark lives
    with the transaction's list of commit hooks, so a rollback, which drops that list, drops it too."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return False
    marks = getattr(connection, "_dashboard_rebuilds", None)
    if marks is None or marks[0] is not connection.run_on_commit:
        marks = (connection.run_on_commit, set[str]())
        connection._dashboard_rebuilds = marks  # type: ignore[attr-defined]
    if name in marks[1]:
        return True
    marks[1].add(name)
    return False


def _forget_asked(name: str) -> None:
    marks = getattr(transaction.get_connection(), "_dashboard_rebuilds", None)
    if marks is not None:
        marks[1].discard(name)


def schedule_rebuild(
    key: str, parameters: dict[str, Any] | None = None, params_key: str = "", countdown: int | None = None
) -> bool:
    """Queue one rebuild unless one is already pending (after the debounce delay unless `countdown` is
    given: a filter someone is waiting for is built at once); never raises.

    Nothing touches Redis until the change commits: the pending mark is claimed (SET NX) and the task
    sent then, so a rolled-back save neither blocks later rebuilds nor rebuilds for nothing. Returns
    whether a rebuild was asked for: at once outside a transaction, on commit inside one."""
    from governance.tasks import rebuild_dashboard

    name = pending_key(key, params_key)
    delay = debounce_seconds() if countdown is None else countdown
    if _backing_off() or _already_asked_in_this_transaction(name):
        return False
    outcome: list[bool] = []

    def claim_and_send() -> None:
        global _redis_failed_at
        _forget_asked(name)
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


def clear_pending(key: str, params_key: str = "") -> None:
    """Forget that a rebuild is pending (the rebuild task does so as it starts), so the next change asks
    for another."""
    _forget_asked(pending_key(key, params_key))
    try:
        redis_client().delete(pending_key(key, params_key))
    except Exception:
        logger.warning("Redis is unavailable; could not clear the pending mark of %s", key)

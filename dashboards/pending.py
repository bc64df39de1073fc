"""The "rebuild pending" marks: one short-lived Redis key per dashboard (and filter set) while a rebuild
is queued, on the process's one shared client, plus the per-transaction memory of what was already asked.
`triggers` sets marks when a change commits; the rebuild task clears its mark as it starts."""

from __future__ import annotations

import logging
from typing import Any

import redis
from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

PENDING_PREFIX = "governance:dashboard-pending:"
_shared_client: tuple[str, Any] | None = None


def debounce_seconds() -> int:
    return int(getattr(settings, "DASHBOARD_DEBOUNCE_SECONDS", 30))


def redis_client() -> Any:
    """The process's one client (a connection pool shared by every save), for the current broker URL."""
    global _shared_client
    url = settings.CELERY_BROKER_URL
    if _shared_client is None or _shared_client[0] != url:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2, retry_on_timeout=False)
        _shared_client = (url, client)
    return _shared_client[1]


def pending_key(dashboard: str, params_key: str = "") -> str:
    return PENDING_PREFIX + dashboard + (f"?{params_key}" if params_key else "")


def already_asked_in_this_transaction(name: str) -> bool:
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


def forget_asked(name: str) -> None:
    marks = getattr(transaction.get_connection(), "_dashboard_rebuilds", None)
    if marks is not None:
        marks[1].discard(name)


def clear_pending(key: str, params_key: str = "") -> None:
    """Forget that a rebuild is pending (the rebuild task does so as it starts), so the next change asks
    for another."""
    forget_asked(pending_key(key, params_key))
    try:
        redis_client().delete(pending_key(key, params_key))
    except Exception:
        logger.warning("Redis is unavailable; could not clear the pending mark of %s", key)

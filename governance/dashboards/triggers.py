"""Rebuild dashboards soon after the data they summarise changes, debounced and deduplicated.

Apps call `data_changed("training.record")` (a source name a dashboard declared) or
`data_changed("capability")` (a dashboard key) from their services or signals, as often as they like.
The first call claims a short-lived Redis key per dashboard with SET NX and queues one rebuild with a
countdown; calls while that key exists do nothing. The rebuild task deletes the key when it starts, so a
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


def debounce_seconds() -> int:
    return int(getattr(settings, "DASHBOARD_DEBOUNCE_SECONDS", 30))


def redis_client() -> Any:
    import redis

    return redis.Redis.from_url(
        settings.CELERY_BROKER_URL, socket_connect_timeout=1, socket_timeout=2, retry_on_timeout=False
    )


def pending_key(dashboard: str, params_key: str = "") -> str:
    return PENDING_PREFIX + dashboard + (f"?{params_key}" if params_key else "")


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
    given: a filter someone is waiting for is built at once); never raises."""
    from governance.tasks import rebuild_dashboard

    global _redis_failed_at
    name = pending_key(key, params_key)
    delay = debounce_seconds() if countdown is None else countdown
    if _redis_failed_at is not None and time.monotonic() - _redis_failed_at < BACKOFF_SECONDS:
        return False
    try:
        client = redis_client()
        claimed = bool(client.set(name, "1", nx=True, ex=debounce_seconds() + 300))
    except Exception:
        _redis_failed_at = time.monotonic()
        logger.warning("Redis is unavailable; dashboard %s will be rebuilt on schedule", key, exc_info=True)
        return False
    _redis_failed_at = None
    if not claimed:
        return False

    def send() -> None:
        try:
            rebuild_dashboard.apply_async(
                args=[key], kwargs={"parameters": parameters}, countdown=delay, retry=False
            )
        except Exception:
            logger.warning("Could not queue a rebuild of %s", key, exc_info=True)
            with contextlib.suppress(Exception):
                client.delete(name)

    transaction.on_commit(send)
    return True


def clear_pending(key: str, params_key: str = "") -> None:
    try:
        redis_client().delete(pending_key(key, params_key))
    except Exception:
        logger.warning("Redis is unavailable; could not clear the pending mark of %s", key)

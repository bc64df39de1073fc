"""Checks behind `/healthz`: the database is essential; Redis and the workers are reported, not fatal."""

from __future__ import annotations

import datetime
from typing import Any

from celery import current_app
from django.conf import settings
from django.db import connection
from django.utils import timezone

from core.models import WorkerHeartbeat


def check_database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True}


def check_redis(url: str | None = None, timeout: float = 1.0) -> dict[str, Any]:
    import redis

    try:
        client = redis.Redis.from_url(
            url or settings.CELERY_BROKER_URL, socket_connect_timeout=timeout, socket_timeout=timeout
        )
        client.ping()
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True}


def check_workers(timeout: float | None = None, redis_ok: bool = True) -> dict[str, Any]:
    """Whether a Celery worker answers a ping within `timeout` seconds (HEALTH_WORKER_PING_SECONDS)."""
    timeout = timeout if timeout is not None else getattr(settings, "HEALTH_WORKER_PING_SECONDS", 1.0)

    result: dict[str, Any] = {"ok": False, "responding": []}
    if redis_ok:
        try:
            # Stop at the first reply: one live worker is enough, and the page must answer quickly.
            # current_app is the project's Celery app (config.celery): core does not import config.
            replies = current_app.control.ping(timeout=timeout, limit=1) or []
            result["responding"] = sorted(name for reply in replies for name in reply)
        except Exception as error:
            result["error"] = type(error).__name__
    result["ok"] = bool(result["responding"])
    try:
        last = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    except Exception:
        last = None
    if last is not None:
        result["last_heartbeat"] = last.isoformat()
        result["last_heartbeat_age_seconds"] = int((timezone.now() - last) / datetime.timedelta(seconds=1))
    return result


def report() -> tuple[dict[str, Any], int]:
    database = check_database()
    redis_state = check_redis()
    workers = check_workers(redis_ok=redis_state["ok"])
    status = "ok" if database["ok"] and redis_state["ok"] and workers["ok"] else "degraded"
    if not database["ok"]:
        status = "down"
    body = {"status": status, "database": database, "redis": redis_state, "workers": workers}
    return body, 200 if database["ok"] else 503

"""Queueing tasks safely, and the worker heartbeat that `/healthz` reports."""

from __future__ import annotations

import logging
import socket
from typing import Any

from celery import shared_task
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


def enqueue(task: Any, *args: Any, **kwargs: Any) -> None:
    """Send a task once the current transaction commits; a broker outage is logged, never raised.

    Pages keep working when Redis is down: whatever the task would do is caught up by its scheduled run.
    """

    def send() -> None:
        try:
            task.apply_async(args=args, kwargs=kwargs, retry=False)
        except Exception:  # the broker is down or unreachable
            logger.warning(
                "Could not queue %s; the broker is unavailable", getattr(task, "name", task), exc_info=True
            )

    transaction.on_commit(send)


@shared_task(name="core.heartbeat")
def heartbeat() -> str:
    from core.models import WorkerHeartbeat

    hostname = socket.gethostname()
    WorkerHeartbeat.objects.update_or_create(hostname=hostname, defaults={"seen_at": timezone.now()})
    return hostname

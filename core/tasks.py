"""Queueing tasks safely, and the worker heartbeat that `/healthz` reports."""

from __future__ import annotations

import datetime
import logging
import socket
from collections.abc import Callable
from typing import Any

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from core.models import FormSubmission, IdempotencyKey, WorkerHeartbeat

logger = logging.getLogger(__name__)

QUEUE_UNAVAILABLE = "The task queue is unavailable (Redis or the worker is down). Try again later."


def enqueue(task: Any, *args: Any, on_failure: Callable[[], None] | None = None, **kwargs: Any) -> None:
    """Send a task once the current transaction commits; a broker outage is logged, never raised, and
    `on_failure` (for example: mark the job failed, with the reason people will see) is called.

    Pages keep working when Redis is down: whatever the task would do is caught up by its scheduled run.
    """

    def send() -> None:
        try:
            task.apply_async(args=args, kwargs=kwargs, retry=False)
        except Exception:  # the broker is down or unreachable
            logger.warning(
                "Could not queue %s; the broker is unavailable", getattr(task, "name", task), exc_info=True
            )
            if on_failure is not None:
                on_failure()

    transaction.on_commit(send)


@shared_task(name="core.heartbeat")
def heartbeat() -> str:

    hostname = socket.gethostname()
    WorkerHeartbeat.objects.update_or_create(hostname=hostname, defaults={"seen_at": timezone.now()})
    forget_form_tokens()
    return hostname


def forget_form_tokens(days: int = 2) -> int:
    """One-time form tokens and API idempotency keys only need to outlive a retry: drop those older than
    `days`."""

    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted, _ = FormSubmission.objects.filter(created_at__lt=cutoff).delete()
    keys, _ = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted + keys

"""Scheduled work for facilitation requests."""

from __future__ import annotations

from celery import shared_task

from facilitation.services import deferred_requeue_due


@shared_task(name="facilitation.requeue_due")
def requeue_due() -> int:
    """Deferred requests come back to the queue on their review date (beat runs this every hour)."""

    return deferred_requeue_due()

"""Writes people ask for: an admin's "rebuild every dashboard now"."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from core.audit import audit_record
from core.tasks import QUEUE_UNAVAILABLE, enqueue
from dashboards import registry
from dashboards.models import DashboardRebuild
from dashboards.tasks import rebuild_all


def dashboards_rebuild_request(*, actor: Any) -> DashboardRebuild:
    """Record the request and queue it; if the queue is unavailable, say so on the request itself instead
    of failing the page."""
    with transaction.atomic():
        rebuild = DashboardRebuild.objects.create(
            requested_by=actor, dashboards=[d.key for d in registry.all_dashboards()]
        )
        audit_record(actor=actor, obj=rebuild, action="requested")

    def not_queued() -> None:
        DashboardRebuild.objects.filter(pk=rebuild.pk, status=DashboardRebuild.Status.QUEUED).update(
            status=DashboardRebuild.Status.FAILED,
            failures=[QUEUE_UNAVAILABLE],
            finished_at=timezone.now(),
        )

    enqueue(rebuild_all, rebuild_id=rebuild.pk, on_failure=not_queued)
    return rebuild

"""Figures about facilitation for other parts of the portal (governance dashboards, the board report).

    from facilitation.reporting import facilitation_figures
    figures = facilitation_figures()   # a plain dict, a handful of queries whatever the data

Read-only; nothing here is scoped to a user, so callers show it only on pages their own access rules
protect.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Min, Sum
from django.utils import timezone

from facilitation.models import Assignment, Decision, FacilitationRequest
from facilitation.status import Status


def facilitation_figures(today: datetime.date | None = None) -> dict[str, Any]:
    """Queue size and age, requests by status, decisions by outcome, accepted work by support level,
    and facilitator hours a month committed now."""
    today = today or timezone.localdate()
    queued = FacilitationRequest.objects.filter(status=Status.QUEUED)
    oldest = queued.aggregate(oldest=Min("submitted_at"))["oldest"]
    by_status = dict(FacilitationRequest.objects.values_list("status").annotate(n=Count("pk")).order_by())
    by_outcome = dict(Decision.objects.values_list("outcome").annotate(n=Count("pk")).order_by())
    by_level = dict(
        FacilitationRequest.objects.exclude(support_level="")
        .values_list("support_level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    hours = Assignment.objects.filter(released_at__isnull=True, start__lte=today, end__gte=today).aggregate(
        total=Sum("hours_per_month")
    )["total"]
    return {
        "queue_size": queued.count(),
        "queue_oldest_days": (timezone.now() - oldest).days if oldest else None,
        "by_status": by_status,
        "decisions_by_outcome": by_outcome,
        "accepted_by_support_level": by_level,
        "hours_per_month_committed": hours or Decimal(0),
    }


def accepted_requests_by_organisation() -> tuple[dict[int, int], int]:
    """Requests accepted or in progress, by organisation (a request shared by several organisations counts
    for each) and for the system (each request once): the teams the community's coaches are supporting."""
    live = FacilitationRequest.objects.filter(status__in=[Status.ACCEPTED, Status.IN_PROGRESS])
    by_organisation = dict(
        live.order_by()
        .values_list("organisations")
        .annotate(n=Count("pk", distinct=True))
        .exclude(organisations=None)
    )
    return by_organisation, live.count()

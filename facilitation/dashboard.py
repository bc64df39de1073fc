"""Load the facilitation dashboard's rows from the database and register it with the governance
dashboards (docs/adr/0008). The arithmetic is in `dashboard_figures`."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from community.selectors import place_and_descendant_ids
from core.periods import dashboard_period
from dashboards.registry import register as register_dashboard
from dashboards.triggers import data_changed
from facilitation import choices
from facilitation.dashboard_figures import DecisionRow, RequestRow
from facilitation.dashboard_figures import build as build_figures
from facilitation.models import Decision, FacilitationRequest
from facilitation.status import STATUS_LABELS

SOURCES = ["facilitation.request"]


def build(params: dict[str, Any]) -> dict[str, Any]:
    today = timezone.localdate()
    requests = FacilitationRequest.objects.order_by()
    decisions = Decision.objects.order_by()
    notes = []
    if "organisation" in params:
        requests = requests.filter(organisations=params["organisation"])
        decisions = decisions.filter(request__organisations=params["organisation"])
    if "place" in params:
        places = place_and_descendant_ids(params["place"])
        requests = requests.filter(place_id__in=places)
        decisions = decisions.filter(request__place_id__in=places)
    if "period" in params and (bounds := dashboard_period(params["period"], today)):
        start, end = (
            datetime.datetime.combine(d, datetime.time.min, timezone.get_current_timezone())
            for d in (bounds[0], bounds[1] + datetime.timedelta(days=1))
        )
        requests = requests.filter(submitted_at__gte=start, submitted_at__lt=end)
        decisions = decisions.filter(decided_at__gte=start, decided_at__lt=end)
        notes.append("The period counts requests submitted and decisions made within it.")
    running = Q(
        assignments__released_at__isnull=True, assignments__start__lte=today, assignments__end__gte=today
    )
    request_rows = [
        RequestRow(status, level, submitted.date() if submitted else None, hours or Decimal(0))
        for status, level, submitted, hours in requests.annotate(
            hours=Sum("assignments__hours_per_month", filter=running)
        ).values_list("status", "support_level", "submitted_at", "hours")
    ]
    decision_rows = [
        DecisionRow(outcome, decided_on)
        for outcome, decided_on in decisions.annotate(on=TruncDate("decided_at")).values_list("outcome", "on")
    ]
    data = build_figures(
        request_rows,
        decision_rows,
        today,
        status_labels={s.value: label for s, label in STATUS_LABELS.items()},
        outcome_labels=dict(choices.OUTCOMES),
        level_labels=dict(choices.SUPPORT_LEVELS),
    )
    data["notes"].extend(notes)
    return data


def register() -> None:

    register_dashboard(
        "facilitation",
        build,
        title="Facilitation",
        description="The prioritisation queue's size and age, decisions by outcome, accepted work by "
        "support level and the facilitator hours committed.",
        sources=SOURCES,
        order=40,
        public_summary=False,
    )


def requests_changed(sender: Any, **kwargs: Any) -> None:
    """Queue one debounced rebuild of the facilitation dashboard, however many rows a change writes."""
    data_changed("facilitation.request")

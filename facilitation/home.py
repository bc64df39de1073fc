"""The home page's facilitation panels (registered with community.home): the person's own requests, and
for the steering group and admins, what waits for them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from community.home import Item, Panel
from core.navigation import user_may_open
from facilitation import selectors
from facilitation.models import FacilitationRequest
from facilitation.status import STATUS_LABELS, TRIAGE, Status


def your_requests(user: Any) -> Panel | None:
    if not getattr(user, "pk", None):
        return None
    rows = list(FacilitationRequest.objects.filter(requester=user).order_by("-updated_at")[:5])
    items = [
        Item(r.title, reverse("facilitation:detail", kwargs={"pk": r.pk}), STATUS_LABELS[Status(r.status)])
        for r in rows
    ]
    return Panel(
        "Your facilitation requests",
        items,
        link=("All your requests", reverse("facilitation:mine")),
        empty="None yet. Ask the community for facilitation, coaching or measurement support.",
    )


def waiting_for_you(user: Any) -> Panel | None:
    """The queue (and how many requests in it this person has not scored) and, for admins, triage."""
    items = []
    if user_may_open(user, "facilitation:queue"):
        waiting = FacilitationRequest.objects.filter(status=Status.QUEUED).count()
        unscored = selectors.queued_not_scored_by(user).count()
        items.append(
            Item(
                "Prioritisation queue",
                reverse("facilitation:queue"),
                f"{waiting} waiting for a decision, {unscored} not yet scored by you",
            )
        )
    if user_may_open(user, "facilitation:triage"):
        triage = FacilitationRequest.objects.filter(status__in=list(TRIAGE)).count()
        items.append(
            Item(
                "Triage",
                reverse("facilitation:triage"),
                f"{triage} new request{'s' if triage != 1 else ''} to check",
            )
        )
    if not items:
        return None
    return Panel("Waiting for you", items)

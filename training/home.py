"""The home page's "Your training" panel (registered with community.home)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from community.home import Item, Panel
from training import selectors
from training.ladder import Status


def your_training(user: Any) -> Panel | None:
    """Places this person has booked on cohorts yet to start."""
    if not getattr(user, "pk", None):
        return None
    booked = list(
        selectors.my_records(user)
        .filter(status=Status.BOOKED, cohort__starts_on__gte=timezone.localdate())
        .order_by("cohort__starts_on")[:5]
    )
    items = [
        Item(
            r.programme.name,
            reverse("training:find"),
            f"{r.cohort.name}, starts {r.cohort.starts_on:%-d %B %Y}" if r.cohort else "booked",
        )
        for r in booked
    ]
    return Panel(
        "Your training bookings",
        items,
        count=f"{len(items)} coming up" if items else "",
        link=("Find training", reverse("training:find")),
        empty="No places booked. Find training that fits the time you have.",
    )

"""Sample URL arguments for the governance routes (used by the route access walk)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from tests.governance.factories import (
    BoardPackFactory,
    DeliveryActionFactory,
    MeetingFactory,
    SnapshotFactory,
)


def _assessment() -> dict[str, Any]:
    from governance.models import Assessment

    found, _ = Assessment.objects.get_or_create(
        assessed_on=datetime.date(2026, 3, 1), defaults={"title": "Sample", "rating": "Developing"}
    )
    return {"pk": found.pk}


def _rebuild() -> dict[str, Any]:
    from dashboards.models import DashboardRebuild

    return {"pk": DashboardRebuild.objects.create().pk}


GOVERNANCE_SAMPLES: dict[str, Callable[[], dict[str, Any]]] = {
    "governance:dashboard": lambda: {"key": "community"},
    "governance:chart_csv": lambda: {"key": "community", "chart": "organisations-by-kind"},
    "governance:rebuild_progress": _rebuild,
    "governance:plan_action": lambda: {"pk": DeliveryActionFactory().pk},
    "governance:plan_action_edit": lambda: {"pk": DeliveryActionFactory().pk},
    "governance:assessment": _assessment,
    "governance:meeting": lambda: {"pk": MeetingFactory().pk},
    "governance:pack": lambda: {"pk": BoardPackFactory().pk},
    "governance:pack_download": lambda: {"pk": BoardPackFactory().pk, "fmt": "pdf"},
    "api:snapshot-detail": lambda: {"pk": SnapshotFactory().pk},
    "api:delivery-action-detail": lambda: {"pk": DeliveryActionFactory().pk},
}

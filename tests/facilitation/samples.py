"""Sample URL arguments for the facilitation routes (see tests/route_samples.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

from facilitation.models import Decision, Meeting, ScoreSheet
from facilitation.status import Status
from tests.facilitation.factories import in_status


def _request(status: Status = Status.QUEUED) -> dict[str, Any]:
    return {"pk": in_status(status).pk}


def _meeting() -> dict[str, Any]:
    return {"pk": Meeting.objects.create(held_on=timezone.localdate()).pk}


def _meeting_decide() -> dict[str, Any]:
    return {"pk": _meeting()["pk"], "request_pk": in_status(Status.QUEUED).pk}


def _sheet() -> dict[str, Any]:
    from facilitation.services import framework_ensure_default

    request = in_status(Status.QUEUED)
    sheet = ScoreSheet.objects.create(
        request=request, scorer=request.requester, version=framework_ensure_default(), score=2
    )
    return {"pk": sheet.pk}


def _decision() -> dict[str, Any]:
    return {"pk": Decision.objects.create(request=in_status(Status.ACCEPTED), outcome="accept").pk}


def _assignment() -> dict[str, Any]:
    import datetime

    from facilitation.models import Assignment
    from tests.champions.factories import ChampionFactory

    today = datetime.date.today()
    assignment = Assignment.objects.create(
        request=in_status(Status.IN_PROGRESS),
        champion=ChampionFactory(),
        hours_per_month=2,
        start=today,
        end=today,
    )
    return {"pk": assignment.pk}


FACILITATION_SAMPLES: dict[str, Callable[[], dict[str, Any]]] = {
    "facilitation:detail": _request,
    "facilitation:edit": _request,
    "facilitation:submit": _request,
    "facilitation:triage_action": _request,
    "facilitation:score": _request,
    "facilitation:decide": _request,
    "facilitation:manage": _request,
    "facilitation:assign": lambda: _request(Status.ACCEPTED),
    "facilitation:meeting": _meeting,
    "facilitation:meeting_decide": _meeting_decide,
    "api:facilitation-request-detail": _request,
    "api:facilitation-request-submit": _request,
    "api:facilitation-score-detail": _sheet,
    "api:facilitation-decision-detail": _decision,
    "api:facilitation-assignment-detail": _assignment,
}

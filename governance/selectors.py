"""Reads shared by the governance pages and API. (Snapshots and rebuilds: `dashboards.selectors`.)"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from community.models import User
from governance import maturity
from governance.models import (
    Assessment,
    AssessmentAnswer,
    AssessmentComponent,
    BoardPack,
    DeliveryAction,
    GovernanceBody,
    Meeting,
    ProgressNote,
)


def delivery_actions() -> QuerySet[DeliveryAction]:
    latest = ProgressNote.objects.select_related("author").order_by("-written_on", "-pk")
    return DeliveryAction.objects.select_related("owner").prefetch_related(Prefetch("notes", queryset=latest))


def delivery_actions_plain() -> QuerySet[DeliveryAction]:
    return DeliveryAction.objects.only("pk", "strand", "rag", "due_on", "title")


def actions_owned_by(user: Any) -> QuerySet[DeliveryAction]:
    return DeliveryAction.objects.filter(owner_id=user.pk).order_by("due_on", "pk")


def delivery_action(pk: int) -> DeliveryAction | None:
    return delivery_actions().filter(pk=pk).first()


def assessments() -> QuerySet[Assessment]:
    return Assessment.objects.order_by("assessed_on")


def assessment(pk: int) -> Assessment | None:
    answers = AssessmentAnswer.objects.select_related("question__component")
    return (
        Assessment.objects.prefetch_related(
            Prefetch("answers", queryset=answers), "recommendations__component", "recommendations__action"
        )
        .filter(pk=pk)
        .first()
    )


def latest_assessment() -> Assessment | None:
    latest = Assessment.objects.order_by("-assessed_on").values_list("pk", flat=True).first()
    return assessment(latest) if latest else None


def bodies() -> QuerySet[GovernanceBody]:
    return GovernanceBody.objects.prefetch_related("members__user").order_by("name")


def meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("body").order_by("-held_on", "-pk")


def meeting(pk: int) -> Meeting | None:
    return (
        Meeting.objects.select_related("body", "created_by")
        .prefetch_related("agenda", "decisions__agenda_item", "decisions__source_type", "actions__owner")
        .filter(pk=pk)
        .first()
    )


def board_packs(limit: int = 10) -> list[BoardPack]:
    return list(BoardPack.objects.defer("pdf", "xlsx").select_related("requested_by")[:limit])


def board_pack(pk: int) -> BoardPack | None:
    return BoardPack.objects.filter(pk=pk).first()


def people() -> QuerySet[Any]:

    return (
        User.objects.filter(is_active=True).select_related("organisation").order_by("first_name", "last_name")
    )


def component_scores(assessment: Assessment) -> dict[str, float]:
    """Each component's score in an assessment whose answers are prefetched with their components."""

    by_component: dict[str, list[int]] = {}
    for answer in assessment.answers.all():
        by_component.setdefault(answer.question.component.slug, []).append(answer.score)
    return {slug: maturity.component_score(s) for slug, s in by_component.items()}


def components() -> QuerySet[Any]:

    return AssessmentComponent.objects.prefetch_related("questions").order_by("order")


def assessments_with_answers() -> QuerySet[Assessment]:
    answers = AssessmentAnswer.objects.select_related("question__component")
    return Assessment.objects.prefetch_related(Prefetch("answers", queryset=answers)).order_by("assessed_on")

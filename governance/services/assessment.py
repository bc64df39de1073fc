"""Writes to the capability self-assessment."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from core.audit import audit_record
from core.permissions import require
from dashboards.triggers import data_changed
from governance import maturity
from governance.models import (
    Assessment,
    AssessmentAnswer,
    AssessmentComponent,
    AssessmentQuestion,
    DeliveryAction,
    Recommendation,
)


def assessment_record(
    *,
    actor: Any,
    title: str,
    assessed_on: datetime.date,
    scores: Mapping[int, int],
    summary: str = "",
    evidence: Mapping[int, str] | None = None,
) -> Assessment:
    """Record an assessment with a score for every question; computes the rating."""
    require(actor, "assessment.edit")
    questions = list(AssessmentQuestion.objects.select_related("component"))
    missing = [q for q in questions if q.pk not in scores]
    errors: dict[str, list[str]] = {}
    if missing:
        errors["scores"] = [f"Score every question ({len(missing)} not scored)"]
    if any(not 1 <= int(s) <= 5 for s in scores.values()):
        errors.setdefault("scores", []).append("Scores must be between 1 and 5")
    if Assessment.objects.filter(assessed_on=assessed_on).exists():
        errors["assessed_on"] = ["There is already an assessment on this date"]
    if errors:
        raise ValidationError(errors)
    by_component: dict[str, list[int]] = {}
    for q in questions:
        by_component.setdefault(q.component.slug, []).append(int(scores[q.pk]))
    result = maturity.assess(by_component)
    with transaction.atomic():
        assessment = Assessment.objects.create(
            title=title.strip(),
            assessed_on=assessed_on,
            summary=summary,
            rating=result.rating,
            overall_score=Decimal(str(result.overall)),
            created_by=actor,
        )
        AssessmentAnswer.objects.bulk_create(
            AssessmentAnswer(
                assessment=assessment,
                question=q,
                score=int(scores[q.pk]),
                evidence=(evidence or {}).get(q.pk, ""),
            )
            for q in questions
        )
        audit_record(
            actor=actor,
            obj=assessment,
            action="recorded",
            changes={"rating": result.rating, "overall": result.overall},
        )
        data_changed("governance.assessment")
    return assessment


def recommendation_add(
    *,
    actor: Any,
    assessment: Assessment,
    component: AssessmentComponent,
    text: str,
    action: DeliveryAction | None = None,
) -> Recommendation:
    require(actor, "assessment.edit", assessment)
    if not text.strip():
        raise ValidationError({"text": "Write the recommendation"})
    with transaction.atomic():
        recommendation = Recommendation.objects.create(
            assessment=assessment, component=component, text=text.strip(), action=action
        )
        audit_record(actor=actor, obj=assessment, action="recommendation added", message=text[:200])
    return recommendation

"""The facilitation demo data: the model system's assignments and a queue at every stage, idempotent."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from facilitation.models import Assignment, Decision, FacilitationRequest, ScoreSheet, Transition
from facilitation.status import Status


def _counts():  # type: ignore[no-untyped-def]
    return (
        FacilitationRequest.objects.count(),
        Transition.objects.count(),
        Decision.objects.count(),
        ScoreSheet.objects.count(),
        Assignment.objects.count(),
    )


def test_the_demo_has_the_model_assignments_and_a_queue_at_every_stage(db):
    call_command("seed_demo", stdout=StringIO())
    first = _counts()
    call_command("seed_demo", stdout=StringIO())

    assert _counts() == first
    titles = set(FacilitationRequest.objects.values_list("title", flat=True))
    assert {
        "Virtual ward programme design workshops",
        "Palliative and end of life care programme",
        "Anticipatory care launch event",
        "Local maternity and neonatal system QI capability",
    } <= titles
    statuses = set(FacilitationRequest.objects.values_list("status", flat=True))
    assert statuses == {s.value for s in Status}
    assert FacilitationRequest.objects.filter(status=Status.QUEUED).count() >= 4
    assert FacilitationRequest.objects.filter(status=Status.QUEUED, priority_score__isnull=False).exists()
    in_progress = FacilitationRequest.objects.filter(status=Status.IN_PROGRESS)
    assert Assignment.objects.filter(request__in=in_progress, commitment__source="facilitation").count() == 3

"""Reads of training data, scoped to the user, shared by the pages and the API."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from core.permissions import is_admin
from training.ladder import FINISHED, LEVEL_RANKS, TAKES_A_PLACE, Level
from training.models import Cohort, ImportBatch, Programme, Provider, Trainee, TrainingRecord
from training.permissions import administered_provider_ids


def own(user: Any) -> Q:
    """Records of this person: by their account, or by email as the importer matches people."""
    return Q(trainee__email=(user.email or "").lower()) | Q(trainee__user=user)


def records_for(user: Any) -> QuerySet[TrainingRecord]:
    """Community admins see every record; faculty admins their faculties'; everyone their own."""
    rows = TrainingRecord.objects.select_related(
        "trainee", "trainee__organisation", "programme", "programme__provider", "cohort"
    )
    if is_admin(user):
        return rows
    faculties = administered_provider_ids(user)
    return rows.filter(own(user) | Q(programme__provider_id__in=faculties))


def providers() -> QuerySet[Provider]:
    return Provider.objects.select_related("organisation").order_by("name")


def providers_for_import(user: Any) -> QuerySet[Provider]:
    if is_admin(user):
        return providers()
    return providers().filter(pk__in=administered_provider_ids(user))


def imports_for(user: Any) -> QuerySet[ImportBatch]:
    rows = ImportBatch.objects.select_related("provider", "uploaded_by")
    if is_admin(user):
        return rows
    return rows.filter(provider_id__in=administered_provider_ids(user))


def import_for(user: Any, pk: int) -> ImportBatch | None:
    return imports_for(user).filter(pk=pk).first()


def programmes() -> QuerySet[Programme]:
    return Programme.objects.filter(is_active=True).select_related("provider")


def cohorts() -> QuerySet[Cohort]:
    return Cohort.objects.select_related("programme", "programme__provider").annotate(
        taken=Count("records", filter=Q(records__status__in=list(TAKES_A_PLACE)))
    )


def open_cohorts(today: datetime.date | None = None) -> QuerySet[Cohort]:
    today = today or timezone.localdate()
    return cohorts().filter(open_for_booking=True, starts_on__gte=today, programme__is_active=True)


def cohorts_managed_by(user: Any) -> QuerySet[Cohort]:
    rows = cohorts()
    if is_admin(user):
        return rows
    return rows.filter(programme__provider_id__in=administered_provider_ids(user))


def cohort(pk: int) -> Cohort | None:
    return cohorts().filter(pk=pk).first()


def register(cohort: Cohort) -> QuerySet[TrainingRecord]:
    return (
        TrainingRecord.objects.filter(cohort=cohort)
        .select_related("trainee", "trainee__organisation")
        .order_by("trainee__name", "trainee__email")
    )


def trainee(pk: int) -> Trainee | None:
    return Trainee.objects.select_related("organisation", "user").filter(pk=pk).first()


def history(trainee: Trainee) -> QuerySet[TrainingRecord]:
    return (
        TrainingRecord.objects.filter(trainee=trainee)
        .select_related("programme", "programme__provider", "cohort")
        .order_by("completed_on", "id")
    )


def my_records(user: Any) -> QuerySet[TrainingRecord]:
    return (
        TrainingRecord.objects.filter(own(user))
        .select_related("programme", "programme__provider", "cohort")
        .order_by("-completed_on", "-id")
    )


def finished_by(user: Any) -> list[TrainingRecord]:
    """The programmes a person has completed or graduated from, highest level first: what backs a QI
    champion's level on the champion register."""

    rows = list(
        TrainingRecord.objects.filter(own(user), status__in=list(FINISHED))
        .select_related("programme", "programme__provider")
        .order_by("-completed_on", "-id")
    )
    return sorted(rows, key=lambda r: -LEVEL_RANKS[Level(r.programme.level)])

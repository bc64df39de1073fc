"""Training API: programmes, cohorts and training records.

Records are scoped as on the pages (your own; your faculties' if you are a faculty admin; all for
community admins). Creating records, one or many, goes through the same checks as a spreadsheet import
and is all-or-nothing: a bad row returns HTTP 400 with every problem by row and field.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.access import SIGNED_IN
from training import selectors, services
from training.import_rows import lookups_for
from training.importing import lookup_key
from training.ladder import LEVEL_LABELS, Level, Status
from training.models import Cohort, Programme, Provider, TrainingRecord


class ProgrammeSerializer(serializers.ModelSerializer):
    provider = serializers.CharField(source="provider.name")

    class Meta:
        model = Programme
        fields = ["id", "name", "code", "provider", "level", "strand", "mode", "competent_improver", "hours"]


class CohortSerializer(serializers.ModelSerializer):
    places_taken = serializers.IntegerField(source="taken", read_only=True)

    class Meta:
        model = Cohort
        fields = [
            "id", "programme", "name", "starts_on", "ends_on", "mode", "venue", "capacity", "places_taken",
            "open_for_booking",
        ]  # fmt: skip


class RecordSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="trainee.name")
    email = serializers.EmailField(source="trainee.email")
    organisation = serializers.IntegerField(source="trainee.organisation_id", allow_null=True)
    person = serializers.IntegerField(source="trainee_id")

    class Meta:
        model = TrainingRecord
        fields = [
            "id", "person", "name", "email", "organisation", "programme", "cohort", "status", "completed_on",
            "source",
        ]  # fmt: skip


class RecordInSerializer(serializers.Serializer):
    """One row, as in a spreadsheet: names, not ids, for programme, organisation and cohort."""

    email = serializers.CharField()
    name = serializers.CharField(required=False, allow_blank=True)
    organisation = serializers.CharField(required=False, allow_blank=True, help_text="Name or short name")
    programme = serializers.CharField(help_text="The programme's name or code within the faculty")
    status = serializers.CharField(
        required=False, allow_blank=True, help_text=", ".join(s.value for s in Status)
    )
    completed_on = serializers.CharField(
        required=False, allow_blank=True, help_text="YYYY-MM-DD or DD/MM/YYYY"
    )
    cohort = serializers.CharField(required=False, allow_blank=True)


class CreateSerializer(RecordInSerializer):
    provider = serializers.PrimaryKeyRelatedField(queryset=Provider.objects.all())


class BulkSerializer(serializers.Serializer):
    provider = serializers.PrimaryKeyRelatedField(queryset=Provider.objects.all())
    records = RecordInSerializer(many=True, allow_empty=False)


class CountsSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class RecordFilter(django_filters.FilterSet):
    organisation = django_filters.NumberFilter(field_name="trainee__organisation_id")
    provider = django_filters.NumberFilter(field_name="programme__provider_id")
    level = django_filters.ChoiceFilter(
        field_name="programme__level", choices=[(lv.value, LEVEL_LABELS[lv]) for lv in Level]
    )
    completed_after = django_filters.DateFilter(field_name="completed_on", lookup_expr="gte")
    completed_before = django_filters.DateFilter(field_name="completed_on", lookup_expr="lte")
    email = django_filters.CharFilter(field_name="trainee__email", lookup_expr="iexact")

    class Meta:
        model = TrainingRecord
        fields = ["programme", "status", "cohort"]


class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet):
    """Every faculty's programmes, each on the one ladder of levels."""

    serializer_class = ProgrammeSerializer
    filterset_fields = ["provider", "level", "strand", "competent_improver"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.programmes().order_by("provider__name", "name")


class CohortViewSet(viewsets.ReadOnlyModelViewSet):
    """Runs of programmes, with places taken."""

    serializer_class = CohortSerializer
    filterset_fields = ["programme", "open_for_booking"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.cohorts().order_by("starts_on", "id")


def _row_errors(errors: list[Any]) -> list[dict[str, Any]]:
    # The checks number rows as a spreadsheet does (header row 1); the API numbers records from 1.
    return [{"record": e.row - 1, "field": e.column, "message": e.message, "value": e.value} for e in errors]


class RecordViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Training records you may see. Create one, or many at once with `bulk`, with a spreadsheet's checks."""

    serializer_class = RecordSerializer
    filterset_class = RecordFilter

    def get_queryset(self):  # type: ignore[no-untyped-def]
        if getattr(self, "swagger_fake_view", False):  # drawing the schema: there is no user
            return TrainingRecord.objects.none()
        return selectors.records_for(self.request.user).order_by("-completed_on", "-id")

    def _save(self, provider: Provider, rows: list[dict[str, Any]]) -> tuple[int, int, int] | Response:
        try:
            return services.records_bulk_create(actor=self.request.user, provider=provider, rows=rows)
        except services.RowsInvalid as invalid:
            return Response({"records": _row_errors(invalid.errors)}, status=status.HTTP_400_BAD_REQUEST)

    @extend_schema(
        request=CreateSerializer,
        responses={201: RecordSerializer},
        examples=[
            OpenApiExample(
                "A completion",
                value={"provider": 1, "email": "sam.patel@ghft.example.org", "name": "Sam Patel",
                       "organisation": "GHFT", "programme": "Bronze", "completed_on": "2026-03-12"},
                request_only=True,
            )
        ],
    )  # fmt: skip
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = CreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        provider = data.pop("provider")
        saved = self._save(provider, [data])
        if isinstance(saved, Response):
            return saved
        record = get_object_or_404(
            self.get_queryset(), trainee__email=data["email"].strip().lower(), programme__provider=provider,
            programme__in=[lookups_for(provider).programmes[lookup_key(data["programme"])]],
        )  # fmt: skip
        return Response(RecordSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=BulkSerializer, responses={200: CountsSerializer})
    @action(detail=False, methods=["post"], url_path="bulk")
    def bulk(self, request: Request) -> Response:
        """All the records, or none: every problem comes back by record number and field."""
        incoming = BulkSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        saved = self._save(incoming.validated_data["provider"], incoming.validated_data["records"])
        if isinstance(saved, Response):
            return saved
        created, updated, unchanged = saved
        return Response({"created": created, "updated": updated, "unchanged": unchanged})


router_routes = [
    ("training/programmes", ProgrammeViewSet, "training-programme"),
    ("training/cohorts", CohortViewSet, "training-cohort"),
    ("training/records", RecordViewSet, "training-record"),
]
access = {
    "training-programme-list": SIGNED_IN,
    "training-programme-detail": SIGNED_IN,
    "training-cohort-list": SIGNED_IN,
    "training-cohort-detail": SIGNED_IN,
    # Scoped to the user; creating needs the faculty (checked by the service).
    "training-record-list": SIGNED_IN,
    "training-record-detail": SIGNED_IN,
    "training-record-bulk": SIGNED_IN,
}

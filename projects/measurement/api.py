"""Measurement API: measures, their data and charts, and PDSA cycles, with the pages' services and rules.

GET/POST        /api/v1/projects/{id}/measures/
GET/PUT/DELETE  /api/v1/measures/{id}/
GET/POST        /api/v1/measures/{id}/data/        (one point or a list; all or nothing)
GET             /api/v1/measures/{id}/chart/       (?type=run or any chart that suits it; ?rule_set=ihi)
GET/POST        /api/v1/projects/{id}/pdsa-cycles/
GET/PUT/DELETE  /api/v1/pdsa-cycles/{id}/
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.access import SIGNED_IN, Access
from core.api import VersionETagMixin, expected_version
from core.permissions import can
from projects.spc import rulesets
from projects.spc.advisor import CHARTS_FOR, allowed

from . import selectors, services
from .models import DataPoint, Measure, PDSACycle
from .rows import MAX_ANNOTATION, MAX_ROWS, Row, value_problem


class MeasureSerializer(serializers.ModelSerializer):
    project = serializers.IntegerField(source="project_id", read_only=True)
    variation = serializers.CharField(read_only=True, allow_blank=True)
    assurance = serializers.CharField(read_only=True, allow_blank=True)
    target = serializers.FloatField(allow_null=True, required=False)

    class Meta:
        model = Measure
        fields = [
            "id",
            "project",
            *services.MEASURE_FIELDS,
            "variation",
            "assurance",
            "latest_period",
            "latest_value",
            "point_count",
            "version",
        ]
        read_only_fields = ["id", "latest_period", "latest_value", "point_count", "version"]


class PointSerializer(serializers.Serializer):
    period = serializers.DateField()
    value = serializers.FloatField(help_text="The value; for a proportion or rate, the numerator.")
    denominator = serializers.FloatField(
        allow_null=True, required=False, default=None, help_text="Required for a proportion or rate."
    )
    annotation = serializers.CharField(
        max_length=MAX_ANNOTATION, allow_blank=True, required=False, default=""
    )
    rebaseline = serializers.BooleanField(read_only=True)
    excluded = serializers.BooleanField(read_only=True)

    @staticmethod
    def _finite(value: float | None) -> float | None:
        if value is not None and (value != value or value in (float("inf"), float("-inf"))):
            raise serializers.ValidationError("A valid number is required.")
        return value

    def validate_value(self, value: float) -> float:
        return self._finite(value)  # type: ignore[return-value]

    def validate_denominator(self, value: float | None) -> float | None:
        return self._finite(value)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        measure = self.context.get("measure")
        if measure is not None and (
            wrong := value_problem(measure.value_kind, attrs["value"], attrs.get("denominator"))
        ):
            raise serializers.ValidationError({wrong[0]: [wrong[1]]})
        return attrs


class PDSACycleSerializer(serializers.ModelSerializer):
    project = serializers.IntegerField(source="project_id", read_only=True)
    measures = serializers.PrimaryKeyRelatedField(  # type: ignore[var-annotated]
        many=True,
        queryset=Measure.objects.all(),
        required=False,
        help_text="Measures of the same project this cycle should move; marked on their charts.",
    )

    class Meta:
        model = PDSACycle
        fields = [
            "id",
            "project",
            *services.CYCLE_FIELDS,
            "measures",
        ]
        read_only_fields = ["id"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        end = attrs.get("end_date", getattr(self.instance, "end_date", None))
        if start and end and end < start:
            raise serializers.ValidationError(
                {"end_date": "The end date must be the same as or after the start date"}
            )
        return attrs


def _require_edit(request: Request, project: Any) -> None:
    if not can(request.user, "measurement.edit", project):
        raise PermissionDenied


class ProjectMeasures(APIView):
    @extend_schema(responses=MeasureSerializer(many=True), summary="A project's measures")
    def get(self, request: Request, project_pk: int) -> Response:
        project = selectors.project_for_user(request.user, project_pk)
        return Response(MeasureSerializer(selectors.project_measures(project), many=True).data)

    @extend_schema(
        request=MeasureSerializer,
        responses={201: MeasureSerializer},
        summary="Add a measure to a project",
        examples=[
            OpenApiExample(
                "Waiting time",
                value={
                    "name": "Days from referral to first appointment",
                    "kind": "outcome",
                    "unit": "days",
                    "improvement": "decrease",
                    "target": 14,
                    "frequency": "weekly",
                },
                request_only=True,
            )
        ],
    )
    def post(self, request: Request, project_pk: int) -> Response:
        project = selectors.project_for_user(request.user, project_pk)
        _require_edit(request, project)
        serializer = MeasureSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if k in services.MEASURE_FIELDS}
        measure = services.measure_create(actor=request.user, project=project, **data)
        return Response(MeasureSerializer(measure).data, status=status.HTTP_201_CREATED)


class MeasureDetail(VersionETagMixin, APIView):
    @extend_schema(responses=MeasureSerializer, summary="A measure")
    def get(self, request: Request, pk: int) -> Response:
        return Response(MeasureSerializer(selectors.measure_for_user(request.user, pk)).data)

    @extend_schema(request=MeasureSerializer, responses=MeasureSerializer, summary="Change a measure")
    def put(self, request: Request, pk: int) -> Response:
        measure = selectors.measure_for_user(request.user, pk)
        _require_edit(request, measure.project)
        serializer = MeasureSerializer(measure, data=request.data)
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if k in services.MEASURE_FIELDS}
        services.measure_update(
            actor=request.user, measure=measure, expected_version=expected_version(request), **data
        )
        return Response(MeasureSerializer(measure).data)

    @extend_schema(responses={204: None}, summary="Delete a measure and its data")
    def delete(self, request: Request, pk: int) -> Response:
        measure = selectors.measure_for_user(request.user, pk)
        _require_edit(request, measure.project)
        services.measure_delete(actor=request.user, measure=measure)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeasureData(APIView):
    @extend_schema(responses=PointSerializer(many=True), summary="A measure's data points, in period order")
    def get(self, request: Request, pk: int) -> Response:
        measure = selectors.measure_for_user(request.user, pk)
        return Response(PointSerializer(selectors.measure_points(measure), many=True).data)

    @extend_schema(
        request=PointSerializer(many=True),
        responses={201: PointSerializer(many=True)},
        summary="Add data points: one object or a list; all or nothing",
        description="Periods already recorded have their value (and any annotation given) replaced. "
        "If any point is invalid nothing is saved and the errors are listed by position.",
        examples=[
            OpenApiExample(
                "Two weeks",
                value=[
                    {"period": "2026-01-05", "value": 41, "annotation": "PDSA 1 started"},
                    {"period": "2026-01-12", "value": 37},
                ],
                request_only=True,
            )
        ],
    )
    def post(self, request: Request, pk: int) -> Response:
        measure = selectors.measure_for_user(request.user, pk)
        _require_edit(request, measure.project)
        many = isinstance(request.data, list)
        if many and len(request.data) > MAX_ROWS:
            raise serializers.ValidationError(
                {"non_field_errors": [f"Send at most {MAX_ROWS} points at a time"]}
            )
        serializer = PointSerializer(data=request.data, many=many, context={"measure": measure})
        serializer.is_valid(raise_exception=True)
        items = serializer.validated_data if many else [serializer.validated_data]
        periods = [item["period"] for item in items]
        duplicates = sorted({p.isoformat() for p in periods if periods.count(p) > 1})
        if duplicates:
            raise serializers.ValidationError(
                {"period": [f"Each period may be given only once: {', '.join(duplicates)}"]}
            )
        rows = [
            Row(i + 1, item["period"], item["value"], item.get("annotation", ""), item.get("denominator"))
            for i, item in enumerate(items)
        ]
        services.data_points_save(actor=request.user, measure=measure, rows=rows, source="api")
        saved = DataPoint.objects.filter(measure=measure, period__in=periods).order_by("period")
        return Response(PointSerializer(saved, many=True).data, status=status.HTTP_201_CREATED)


CHART_EXAMPLE = {
    "chart": "p",
    "chart_name": "P chart (proportion)",
    "mean": 62.5,
    "median": 62.0,
    "lower_limit": 48.1,
    "upper_limit": 76.9,
    "multiplier": 100.0,
    "points": [
        {
            "period": "2026-01-05",
            "value": 58.0,
            "numerator": 58.0,
            "denominator": 100.0,
            "type": "common_cause",
            "rules": [],
            "centre": 62.5,
            "lower_limit": 48.1,
            "upper_limit": 76.9,
            "excluded": False,
        }
    ],
    "variation": "improvement_high",
    "assurance": "hit_and_miss",
    "signals": [
        {
            "rule": "shift",
            "label": "A shift: 7 or more points in a row on one side of the centre line",
            "periods": ["2026-03-02"],
        }
    ],
    "longest_run": 8,
    "crossings": 9,
    "rule_set": "Making Data Count (NHS England): a point outside the limits; a trend of 7 points; "
    "2 of 3 points beyond 2 sigma; a shift of 7 points",
    "rule_set_key": "making_data_count",
    "icons_rule_set": "Making Data Count (NHS England)",
    "minimum_points": {"limits": 5, "settled_limits": 12, "run_chart_rules": 10},
    "segments": [
        {
            "start": "2026-01-05",
            "end": "2026-06-29",
            "mean": 62.5,
            "median": 62.0,
            "lower_limit": 48.1,
            "upper_limit": 76.9,
            "trial_limits": False,
            "varying_limits": True,
        }
    ],
    "notes": [],
    "findings": ["A shift: 9 points in a row above the mean, from 2 March 2026 to 27 April 2026."],
}


class MeasureChart(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "type",
                OpenApiTypes.STR,
                enum=list(Measure.ChartType.values),
                required=False,
                description="Any chart that suits what the measure records (default: the measure's own).",
            ),
            OpenApiParameter(
                "rule_set",
                OpenApiTypes.STR,
                enum=list(rulesets.RULE_SETS),
                required=False,
                description="Read a control chart with these rules (default: the measure's).",
            ),
        ],
        responses=OpenApiTypes.OBJECT,
        summary="The computed chart: every point with its limits, type and rules; icons, signals and the "
        "rule set in words",
        examples=[OpenApiExample("P chart", value=CHART_EXAMPLE, response_only=True)],
    )
    def get(self, request: Request, pk: int) -> Response:
        measure = selectors.measure_for_user(request.user, pk)
        kind = request.query_params.get("type") or measure.chart_type
        if not allowed(measure.value_kind, kind):
            choices = ", ".join(CHARTS_FOR.get(measure.value_kind, ()))
            raise serializers.ValidationError(
                {"type": [f"Choose a chart that suits this measure: {choices}"]}
            )
        rule_set = request.query_params.get("rule_set") or None
        if rule_set is not None and rule_set not in rulesets.RULE_SETS:
            raise serializers.ValidationError(
                {"rule_set": [f"Choose one of: {', '.join(rulesets.RULE_SETS)}"]}
            )
        chart = selectors.compute_chart(measure, selectors.measure_points(measure), kind, rule_set=rule_set)
        return Response({**chart.to_dict(), "findings": selectors.findings(measure, chart)})


class ProjectCycles(APIView):
    @extend_schema(responses=PDSACycleSerializer(many=True), summary="A project's PDSA cycles")
    def get(self, request: Request, project_pk: int) -> Response:
        project = selectors.project_for_user(request.user, project_pk)
        cycles = project.pdsa_cycles.order_by("start_date", "id")
        return Response(PDSACycleSerializer(cycles, many=True).data)

    @extend_schema(
        request=PDSACycleSerializer, responses={201: PDSACycleSerializer}, summary="Add a PDSA cycle"
    )
    def post(self, request: Request, project_pk: int) -> Response:
        project = selectors.project_for_user(request.user, project_pk)
        _require_edit(request, project)
        serializer = PDSACycleSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        cycle = services.pdsa_cycle_create(actor=request.user, project=project, **serializer.validated_data)
        return Response(PDSACycleSerializer(cycle).data, status=status.HTTP_201_CREATED)


class CycleDetail(APIView):
    @extend_schema(responses=PDSACycleSerializer, summary="A PDSA cycle")
    def get(self, request: Request, pk: int) -> Response:
        return Response(PDSACycleSerializer(selectors.cycle_for_user(request.user, pk)).data)

    @extend_schema(request=PDSACycleSerializer, responses=PDSACycleSerializer, summary="Change a PDSA cycle")
    def put(self, request: Request, pk: int) -> Response:
        cycle = selectors.cycle_for_user(request.user, pk)
        _require_edit(request, cycle.project)
        serializer = PDSACycleSerializer(cycle, data=request.data)
        serializer.is_valid(raise_exception=True)
        services.pdsa_cycle_update(actor=request.user, cycle=cycle, **serializer.validated_data)
        return Response(PDSACycleSerializer(cycle).data)

    @extend_schema(responses={204: None}, summary="Delete a PDSA cycle")
    def delete(self, request: Request, pk: int) -> Response:
        cycle = selectors.cycle_for_user(request.user, pk)
        _require_edit(request, cycle.project)
        services.pdsa_cycle_delete(actor=request.user, cycle=cycle)
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns = [
    path("projects/<int:project_pk>/measures/", ProjectMeasures.as_view(), name="project-measures"),
    path("projects/<int:project_pk>/pdsa-cycles/", ProjectCycles.as_view(), name="project-pdsa-cycles"),
    path("measures/<int:pk>/", MeasureDetail.as_view(), name="measure-detail"),
    path("measures/<int:pk>/data/", MeasureData.as_view(), name="measure-data"),
    path("measures/<int:pk>/chart/", MeasureChart.as_view(), name="measure-chart"),
    path("pdsa-cycles/<int:pk>/", CycleDetail.as_view(), name="pdsa-cycle-detail"),
]

# Signed-in users reach the endpoints; each view then asks "measurement.view" / "measurement.edit".
access: dict[str, Access] = {
    name: SIGNED_IN
    for name in (
        "project-measures",
        "project-pdsa-cycles",
        "measure-detail",
        "measure-data",
        "measure-chart",
        "pdsa-cycle-detail",
    )
}

"""Read-only API for BI tools: dashboard snapshots and the delivery plan."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from core.access import BOARD
from core.raw_json import RAW_JSON_RENDERERS, RawJSONField
from dashboards import selectors as dashboard_selectors
from dashboards.models import DashboardSnapshot
from governance import plan, selectors
from governance.models import DeliveryAction, ProgressNote


class SnapshotSerializer(serializers.ModelSerializer):
    # DRF takes declared fields out of the class, so this does not hide the serializer's own `data`.
    data = RawJSONField(source="data_text", help_text="The dashboard's tables and plotly figures")  # type: ignore[assignment]

    class Meta:
        model = DashboardSnapshot
        fields = ["id", "dashboard", "parameters", "status", "built_at", "duration_ms", "error", "data"]


class ProgressNoteSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.display_name", default="", read_only=True)

    class Meta:
        model = ProgressNote
        fields = ["written_on", "rag", "text", "author"]


class DeliveryActionSerializer(serializers.ModelSerializer):
    theme = serializers.SerializerMethodField()
    owner = serializers.CharField(source="owner.display_name", default="", read_only=True)
    notes = ProgressNoteSerializer(many=True, read_only=True)

    class Meta:
        model = DeliveryAction
        fields = ["id", "theme", "strand", "title", "description", "owner", "due_on", "rag", "notes"]

    def get_theme(self, obj: DeliveryAction) -> str:
        return plan.THEME_OF[obj.strand]


@extend_schema_view(
    list=extend_schema(summary="Dashboard snapshots: the last good build of each dashboard and filter set"),
    retrieve=extend_schema(summary="One dashboard snapshot with its tables and plotly figures"),
)
class SnapshotViewSet(viewsets.ReadOnlyModelViewSet):
    """Stored dashboard snapshots. Filter with `?dashboard=community`; the unfiltered build of each
    dashboard has empty `parameters`."""

    serializer_class = SnapshotSerializer
    filterset_fields = ["dashboard", "status"]
    renderer_classes = RAW_JSON_RENDERERS  # the stored data is sent as it is

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return dashboard_selectors.snapshot_list()


@extend_schema_view(
    list=extend_schema(summary="Delivery plan actions with RAG status and progress notes"),
    retrieve=extend_schema(summary="One delivery plan action"),
)
class DeliveryActionViewSet(viewsets.ReadOnlyModelViewSet):
    """The delivery plan: actions under LEAD, ENABLE and ENERGISE, newest progress note first."""

    serializer_class = DeliveryActionSerializer
    filterset_fields = ["strand", "rag"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.delivery_actions().order_by("order", "pk")


router_routes = [
    ("governance/snapshots", SnapshotViewSet, "snapshot"),
    ("governance/delivery-plan", DeliveryActionViewSet, "delivery-action"),
]

access = {
    "snapshot-list": BOARD,
    "snapshot-detail": BOARD,
    "delivery-action-list": BOARD,
    "delivery-action-detail": BOARD,
}

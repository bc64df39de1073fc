"""API for the champion register: staff read listed champions; admins read everything and write through
the same services as the pages. Dosage figures for the board and admins."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from champions import selectors, services
from champions.dosage import Dosage
from champions.filters import ChampionFilter, RegisterFilter
from champions.models import Champion, Level, Method
from community.models import Organisation, Place, SystemPriority, User
from core.access import BOARD, SIGNED_IN
from core.api import VersionETagMixin, expected_version
from core.permissions import can, require


class ChampionSerializer(serializers.ModelSerializer):
    """A champion as staff see them."""

    name = serializers.CharField(source="person.display_name")
    email = serializers.EmailField(source="person.email")
    job_title = serializers.CharField(source="person.job_title")
    level = serializers.ChoiceField(choices=Level.choices)
    methods = serializers.ListField(child=serializers.ChoiceField(choices=Method.choices))
    topics = serializers.PrimaryKeyRelatedField(many=True, read_only=True)  # type: ignore[var-annotated]
    places = serializers.PrimaryKeyRelatedField(many=True, read_only=True)  # type: ignore[var-annotated]
    free_hours_this_month = serializers.DecimalField(
        source="free_now", max_digits=7, decimal_places=1, read_only=True
    )

    class Meta:
        model = Champion
        fields = [
            "id",
            "name",
            "email",
            "job_title",
            "organisation",
            "level",
            "methods",
            "topics",
            "places",
            "offer",
            "hours_per_month",
            "capacity_start",
            "capacity_end",
            "free_hours_this_month",
        ]
        read_only_fields = fields


class ChampionAdminSerializer(ChampionSerializer):
    """What admins see in addition: status, consent, who agreed the capacity, training evidence."""

    status = serializers.ChoiceField(choices=Champion.Status.choices)
    committed_hours_this_month = serializers.DecimalField(
        source="committed_now", max_digits=7, decimal_places=1, read_only=True
    )

    class Meta(ChampionSerializer.Meta):
        fields = [
            *ChampionSerializer.Meta.fields,
            "status",
            "status_reason",
            "consent_to_list",
            "capacity_agreed_by",
            "training_evidence",
            "committed_hours_this_month",
            "version",
        ]
        read_only_fields = fields


class ChampionWriteSerializer(serializers.Serializer):
    """Create (nominate, with `person`) or update an entry's details. Status changes: `status`+`reason`."""

    person = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, help_text="On create only."
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True), required=False
    )
    level = serializers.ChoiceField(choices=Level.choices, required=False)
    methods = serializers.ListField(child=serializers.ChoiceField(choices=Method.choices), required=False)
    topics = serializers.PrimaryKeyRelatedField(
        many=True, queryset=SystemPriority.objects.all(), required=False
    )
    places = serializers.PrimaryKeyRelatedField(many=True, queryset=Place.objects.all(), required=False)
    offer = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    hours_per_month = serializers.DecimalField(
        max_digits=5, decimal_places=1, min_value=0, max_value=160, required=False
    )
    capacity_start = serializers.DateField(required=False, allow_null=True)
    capacity_end = serializers.DateField(required=False, allow_null=True)
    capacity_agreed_by = serializers.CharField(required=False, allow_blank=True, max_length=200)
    training_evidence = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    override_reason = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    status = serializers.ChoiceField(choices=Champion.Status.choices, required=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=1000)


LIST_PARAMETERS = [
    OpenApiParameter("method", str, enum=Method.values, description="Supports this method"),
    OpenApiParameter("topic", int, description="System priority id"),
    OpenApiParameter("place", int, description="Place id; includes system-wide and nested places"),
    OpenApiParameter("organisation", int),
    OpenApiParameter("level", str, enum=Level.values),
    OpenApiParameter("has_free_capacity", bool, description="Free time this month"),
    OpenApiParameter("q", str, description="Name or what they offer"),
    OpenApiParameter("status", str, description="Admins only: any status"),
]


@extend_schema_view(
    list=extend_schema(
        summary="List champions",
        description="Staff see active champions who consent to be listed; community admins see every "
        "entry (filter by `status`).",
        parameters=LIST_PARAMETERS,
    ),
    retrieve=extend_schema(summary="One champion"),
    create=extend_schema(
        summary="Add a champion (admins)",
        request=ChampionWriteSerializer,
        responses={201: ChampionAdminSerializer},
        examples=[
            OpenApiExample(
                "Nominate a coach",
                value={
                    "person": 42,
                    "level": "coach",
                    "methods": ["process_mapping", "model_for_improvement"],
                    "hours_per_month": "8.0",
                    "capacity_start": "2026-04-01",
                    "capacity_agreed_by": "Jo Smith, matron",
                },
                request_only=True,
            )
        ],
    ),
    partial_update=extend_schema(
        summary="Edit a champion or change their status (admins)",
        request=ChampionWriteSerializer,
        responses={200: ChampionAdminSerializer},
        examples=[
            OpenApiExample("Approve", value={"status": "active"}, request_only=True),
            OpenApiExample(
                "Pause", value={"status": "paused", "reason": "Parental leave"}, request_only=True
            ),
        ],
    ),
)
class ChampionViewSet(
    VersionETagMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    http_method_names = ["get", "post", "patch", "head", "options"]

    def _is_admin(self) -> bool:
        return can(self.request.user, "champion.manage")

    def get_queryset(self):  # type: ignore[no-untyped-def]
        user = self.request.user
        base = selectors.register(user) if self._is_admin() else selectors.directory(user)
        if self.action != "list":
            return base
        filterset_class = RegisterFilter if self._is_admin() else ChampionFilter
        filterset = filterset_class(self.request.query_params or None, queryset=base, request=self.request)
        if filterset.is_bound and not filterset.is_valid():
            raise serializers.ValidationError(filterset.errors)
        return filterset.qs.order_by("person__first_name", "person__last_name", "pk")

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        if self.action in ("create", "partial_update", "update"):
            return ChampionWriteSerializer
        return ChampionAdminSerializer if self._is_admin() else ChampionSerializer

    def filter_queryset(self, queryset):  # type: ignore[no-untyped-def]
        return queryset  # filtering is done in get_queryset with the directory's own filter set

    def _output(self, champion: Champion, status: int) -> Response:
        fresh = selectors.register(self.request.user).get(pk=champion.pk)
        return Response(ChampionAdminSerializer(fresh).data, status=status)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require(self.request.user, "champion.manage")
        data = ChampionWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        person = values.pop("person", None)
        missing = {
            name: ["This field is required."]
            for name, given in (("person", person is not None), ("level", "level" in values))
            if not given
        }
        if missing:
            raise serializers.ValidationError(missing)
        values.pop("override_reason", None)
        status = values.pop("status", None)
        reason = values.pop("reason", "")
        champion = services.champion_nominate(
            actor=request.user,  # type: ignore[arg-type]
            person=person,
            topics=values.pop("topics", []),
            places=values.pop("places", []),
            methods=values.pop("methods", []),
            **values,
        )
        if status and status != Champion.Status.PROPOSED:
            services.champion_set_status(champion=champion, actor=request.user, status=status, reason=reason)
        return self._output(champion, 201)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require(self.request.user, "champion.manage")
        champion = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        data = ChampionWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        if "person" in values:
            raise serializers.ValidationError({"person": ["The person of an entry cannot be changed."]})
        status = values.pop("status", None)
        reason = values.pop("reason", "")
        override_reason = values.pop("override_reason", None)
        topics = values.pop("topics", None)
        places = values.pop("places", None)
        if values or topics is not None or places is not None:
            services.champion_update(
                champion=champion,
                actor=request.user,
                topics=topics,
                places=places,
                override_reason=override_reason,
                expected_version=expected_version(request),
                **values,
            )
        if status and status != champion.status:
            services.champion_set_status(champion=champion, actor=request.user, status=status, reason=reason)
        return self._output(champion, 200)


class DosageSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(allow_null=True, help_text="null for the whole system")
    name = serializers.CharField()
    headcount = serializers.IntegerField()
    expert_target = serializers.IntegerField()
    experts = serializers.IntegerField()
    expert_gap = serializers.IntegerField()
    coach_target = serializers.IntegerField()
    coaches = serializers.IntegerField()
    coach_gap = serializers.IntegerField()
    register_experts = serializers.IntegerField()
    register_coaches = serializers.IntegerField()
    trained_experts = serializers.IntegerField()
    trained_coaches = serializers.IntegerField()
    teams_supported_low = serializers.IntegerField()
    teams_supported_high = serializers.IntegerField()


def _dosage_row(d: Dosage) -> dict[str, Any]:
    return {
        "organisation": d.key,
        "name": d.name,
        "headcount": d.headcount,
        "expert_target": d.expert_target,
        "experts": d.experts,
        "expert_gap": d.expert_gap,
        "coach_target": d.coach_target,
        "coaches": d.coaches,
        "coach_gap": d.coach_gap,
        "register_experts": d.register_experts,
        "register_coaches": d.register_coaches,
        "trained_experts": d.trained_experts,
        "trained_coaches": d.trained_coaches,
        "teams_supported_low": d.teams_supported[0],
        "teams_supported_high": d.teams_supported[1],
    }


class DosageView(APIView):
    """Capability dosage per organisation and for the system (last row, `organisation: null`)."""

    @extend_schema(summary="Champion dosage and gaps", responses={200: DosageSerializer(many=True)})
    def get(self, request: Request) -> Response:
        report = selectors.dosage_report()
        rows = [_dosage_row(d) for d in [*report.organisations, report.system]]
        return Response(DosageSerializer(rows, many=True).data)


router_routes = [("champions", ChampionViewSet, "champion")]
urlpatterns = [path("champion-dosage/", DosageView.as_view(), name="champion-dosage")]
access = {
    # Reads: any member of staff (listed champions only); writes: the viewset requires community admins.
    "champion-list": SIGNED_IN,
    "champion-detail": SIGNED_IN,
    "champion-dosage": BOARD,
}

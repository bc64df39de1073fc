"""API for facilitation requests, the caller's own scores, and decisions: the same services, selectors and
permissions as the pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from community.models import Organisation, Place, SystemPriority
from core.access import SIGNED_IN, STEERING, Access
from core.api import VersionETagMixin, expected_version
from core.permissions import can, is_admin
from facilitation import choices, selectors, services
from facilitation.models import Assignment, Decision, FacilitationRequest, ScoreSheet
from facilitation.scoring import may_see_others_scores
from projects.models import Project


class RequestSerializer(serializers.ModelSerializer):
    requester: serializers.Field = serializers.StringRelatedField()
    status_label = serializers.CharField(read_only=True)
    priority_score = serializers.SerializerMethodField()
    # A draft may leave these unanswered: "" until it is submitted (or, for the support level, decided).
    direction = serializers.ChoiceField(choices=choices.DIRECTIONS, allow_blank=True, read_only=True)
    timescale = serializers.ChoiceField(choices=choices.TIMESCALES, allow_blank=True, read_only=True)
    support_level = serializers.ChoiceField(choices=choices.SUPPORT_LEVELS, allow_blank=True, read_only=True)

    def get_priority_score(self, item: FacilitationRequest) -> str | None:
        """Hidden while the request is queued from members who have not scored it (against anchoring), and
        from anyone when no check was made (a serializer used without the viewset's context)."""
        if item.priority_score is None:
            return None
        if item.status == "queued" and not self.context.get("sees_queued_scores", lambda _pk: False)(item.pk):
            return None
        return str(item.priority_score)

    class Meta:
        model = FacilitationRequest
        fields = [
            "id",
            *services.EDITABLE_FIELDS,
            "status",
            "status_label",
            "priority_score",
            "support_level",
            "review_date",
            "outcome",
            "requester",
            "submitted_at",
            "created_at",
            "updated_at",
            "version",
        ]
        read_only_fields = fields


class RequestInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    team = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    organisations = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True), many=True, required=False, default=list
    )
    place = serializers.PrimaryKeyRelatedField(
        queryset=Place.objects.all(), required=False, allow_null=True, default=None
    )
    challenge = serializers.CharField(required=False, allow_blank=True, default="")
    aim = serializers.CharField(required=False, allow_blank=True, default="")
    related_project = serializers.PrimaryKeyRelatedField(
        queryset=Project.objects.filter(published_at__isnull=False),
        required=False,
        allow_null=True,
        default=None,
    )
    system_priority = serializers.PrimaryKeyRelatedField(
        queryset=SystemPriority.objects.filter(is_active=True), required=False, allow_null=True, default=None
    )
    direction = serializers.ChoiceField(
        choices=choices.DIRECTIONS, required=False, allow_blank=True, default=""
    )
    support_wanted = serializers.MultipleChoiceField(
        choices=choices.SUPPORT_WANTED, required=False, default=set
    )
    timescale = serializers.ChoiceField(
        choices=choices.TIMESCALES, required=False, allow_blank=True, default=""
    )
    success_factors = serializers.MultipleChoiceField(
        choices=choices.SUCCESS_FACTORS, required=False, default=set
    )


def _values(data: dict[str, Any]) -> dict[str, Any]:
    values = dict(data)
    for name in ("support_wanted", "success_factors"):
        if name in values:
            values[name] = sorted(values[name])
    return values


EXAMPLE_REQUEST = {
    "title": "Reducing falls on the frailty ward",
    "team": "Ward 7b, acute medicine",
    "organisations": [2],
    "challenge": "Falls with harm rose by a third over the winter.",
    "aim": "Halve falls with harm by next March.",
    "direction": "loose",
    "support_wanted": ["coaching", "measurement"],
    "timescale": "quarter",
    "success_factors": ["sponsor", "data"],
}


class RequestViewSet(
    VersionETagMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Facilitation requests the caller may see: their own; all but drafts for the steering group and admins.
    Create saves a draft; `submit` sends it for triage. Changes follow the same rules as the pages."""

    serializer_class = RequestSerializer
    filterset_fields = ["status"]

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or not user.is_authenticated:
            return context
        scored = selectors.scored_request_ids(user)  # type: ignore[arg-type]
        admin = is_admin(user)
        # The hidden-scores rule, as the pages ask it (facilitation.scoring).
        context["sees_queued_scores"] = lambda pk: may_see_others_scores(
            is_admin=admin, has_scored=pk in scored
        )
        return context

    def get_queryset(self):  # type: ignore[no-untyped-def]
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return FacilitationRequest.objects.none()
        return selectors.visible_requests(self.request.user).order_by("-created_at", "-pk")  # type: ignore[arg-type]

    @extend_schema(
        request=RequestInputSerializer,
        responses=RequestSerializer,
        examples=[OpenApiExample("A draft", value=EXAMPLE_REQUEST, request_only=True)],
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = RequestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.request_save(actor=request.user, values=_values(data.validated_data))  # type: ignore[arg-type]
        return Response(self.get_serializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RequestInputSerializer, responses=RequestSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        item = self.get_object()
        data = RequestInputSerializer(data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        item = services.request_save(
            actor=request.user,  # type: ignore[arg-type]
            request=item,
            values=_values(data.validated_data),
            expected_version=expected_version(request),
        )
        return Response(self.get_serializer(item).data)

    @extend_schema(request=None, responses=RequestSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        item = self.get_object()
        if item.requester_id != request.user.pk:
            raise PermissionDenied
        services.request_submit(actor=request.user, request=item)  # type: ignore[arg-type]
        return Response(self.get_serializer(item).data)


class CriterionValueSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    value = serializers.IntegerField(min_value=0, max_value=3)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class ScoreSerializer(serializers.ModelSerializer):
    framework_version = serializers.IntegerField(source="version.number", read_only=True)
    values = serializers.SerializerMethodField()

    class Meta:
        model = ScoreSheet
        fields = ["id", "request", "framework_version", "score", "scored_at", "values"]

    def get_values(self, sheet: ScoreSheet) -> list[dict[str, Any]]:
        return [
            {"criterion": i.criterion_id, "name": i.criterion.name, "value": i.value, "comment": i.comment}
            for i in sheet.items.all()
        ]


class ScoreInputSerializer(serializers.Serializer):
    request = serializers.IntegerField()
    values = CriterionValueSerializer(many=True)


class ScoreViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """The caller's own score sheets. Posting scores a queued request (again, replacing the earlier sheet)."""

    serializer_class = ScoreSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        if getattr(self, "swagger_fake_view", False):
            return ScoreSheet.objects.none()
        return (
            ScoreSheet.objects.filter(scorer=self.request.user.pk)
            .select_related("version")
            .prefetch_related("items__criterion")
            .order_by("-scored_at")
        )

    @extend_schema(request=ScoreInputSerializer, responses=ScoreSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = ScoreInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = selectors.request_for(request.user, data.validated_data["request"])  # type: ignore[arg-type]
        if not can(request.user, "facilitation_request.score", item):
            raise PermissionDenied
        values = {v["criterion"]: (v["value"], v["comment"]) for v in data.validated_data["values"]}
        sheet = services.request_score(actor=request.user, request=item, values=values)  # type: ignore[arg-type]
        return Response(
            ScoreSerializer(self.get_queryset().get(pk=sheet.pk)).data, status=status.HTTP_201_CREATED
        )


class DecisionSerializer(serializers.ModelSerializer):
    decided_by: serializers.Field = serializers.StringRelatedField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "request",
            "outcome",
            "support_level",
            "rationale",
            "review_date",
            "meeting",
            "decided_by",
            "decided_at",
            "score_at_decision",
        ]
        read_only_fields = fields


class DecisionInputSerializer(serializers.Serializer):
    request = serializers.IntegerField()
    outcome = serializers.ChoiceField(choices=choices.OUTCOMES)
    support_level = serializers.ChoiceField(
        choices=choices.SUPPORT_LEVELS, required=False, allow_blank=True, default=""
    )
    rationale = serializers.CharField(required=False, allow_blank=True, default="")
    review_date = serializers.DateField(required=False, allow_null=True, default=None)


class DecisionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Decisions on the requests the caller may see. The steering group and admins post decisions on
    queued requests."""

    serializer_class = DecisionSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        if getattr(self, "swagger_fake_view", False):
            return Decision.objects.none()
        visible = selectors.visible_requests(self.request.user).values("pk")  # type: ignore[arg-type]
        return (
            Decision.objects.filter(request__in=visible).select_related("decided_by").order_by("-decided_at")
        )

    @extend_schema(request=DecisionInputSerializer, responses=DecisionSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = DecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        item = selectors.request_for(request.user, values.pop("request"))  # type: ignore[arg-type]
        decision = services.request_decide(actor=request.user, request=item, **values)  # type: ignore[arg-type]
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


class AssignmentSerializer(serializers.ModelSerializer):
    champion_name = serializers.CharField(source="champion.person.display_name", read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "request",
            "champion",
            "champion_name",
            "hours_per_month",
            "start",
            "end",
            "override_reason",
            "assigned_at",
            "released_at",
        ]
        read_only_fields = fields


class AssignmentInputSerializer(serializers.Serializer):
    request = serializers.IntegerField()
    champion = serializers.IntegerField()
    hours_per_month = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=Decimal("0.5"))
    start = serializers.DateField()
    end = serializers.DateField()
    override_reason = serializers.CharField(required=False, allow_blank=True, default="")


class AssignmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Champions assigned to the requests the caller may see. The steering group and admins assign;
    hours beyond a champion's agreed capacity are refused unless an admin gives `override_reason`."""

    serializer_class = AssignmentSerializer
    filterset_fields = ["request"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        if getattr(self, "swagger_fake_view", False):
            return Assignment.objects.none()
        visible = selectors.visible_requests(self.request.user).values("pk")  # type: ignore[arg-type]
        return (
            Assignment.objects.filter(request__in=visible)
            .select_related("champion__person")
            .order_by("-assigned_at")
        )

    @extend_schema(request=AssignmentInputSerializer, responses=AssignmentSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = AssignmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        item = selectors.request_for(request.user, values.pop("request"))  # type: ignore[arg-type]
        champion = selectors.listed_champion(values.pop("champion"))
        assignment = services.assignment_create(
            actor=request.user,  # type: ignore[arg-type]
            request=item,
            champion=champion,
            **values,
        )
        return Response(AssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED)


router_routes = [
    ("facilitation/requests", RequestViewSet, "facilitation-request"),
    ("facilitation/scores", ScoreViewSet, "facilitation-score"),
    ("facilitation/decisions", DecisionViewSet, "facilitation-decision"),
    ("facilitation/assignments", AssignmentViewSet, "facilitation-assignment"),
]
access: dict[str, Access] = {
    "facilitation-request-list": SIGNED_IN,
    "facilitation-request-detail": SIGNED_IN,
    "facilitation-request-submit": SIGNED_IN,
    "facilitation-score-list": STEERING,
    "facilitation-score-detail": STEERING,
    "facilitation-decision-list": SIGNED_IN,
    "facilitation-decision-detail": SIGNED_IN,
    "facilitation-assignment-list": SIGNED_IN,
    "facilitation-assignment-detail": SIGNED_IN,
}

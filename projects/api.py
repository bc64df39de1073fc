"""`/api/v1/projects/`: the register for other systems, with the pages' filters, search and permissions.

List and detail read through the same selectors as the pages (drafts only for their team and admins);
create and update call the same services. The team and progress notes are sub-resources:
`/projects/{id}/team/`, `/projects/{id}/team/{member_id}/`, `/projects/{id}/updates/`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import django_filters
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from community.models import Organisation, Place, SystemPriority, User
from core.access import SIGNED_IN
from core.api import VersionETagMixin, expected_version
from core.permissions import can
from projects import selectors, services
from projects.filters import ProjectFilter
from projects.models import Benefit, Method, Project, ProjectUpdate, Status, TeamMember
from projects.overlap import similar_projects
from projects.rules import valid_progress_score
from projects.views import SORT_SEARCH_WHOLE_BELOW, SORTS
from together.api import CommentInputSerializer, CommentSerializer, thread_response


class ProjectApiFilter(ProjectFilter):
    """The browse page's filters, plus start dates as ISO strings (YYYY-MM-DD)."""

    started_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    started_before = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")


class PersonSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name", read_only=True)
    organisation = serializers.CharField(source="organisation.name", read_only=True, default=None)

    class Meta:
        model = User
        fields = ["id", "name", "email", "organisation"]


class TeamMemberSerializer(serializers.ModelSerializer):
    user = PersonSerializer(read_only=True)

    class Meta:
        model = TeamMember
        fields = ["id", "user", "role"]


class TeamMemberInputSerializer(serializers.Serializer):
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    role = serializers.ChoiceField(
        choices=[c for c in TeamMember.Role.choices if c[0] != TeamMember.Role.LEAD]
    )


class ProjectUpdateSerializer(serializers.ModelSerializer):
    author = PersonSerializer(read_only=True)

    class Meta:
        model = ProjectUpdate
        fields = ["id", "date", "text", "author", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class ProjectUpdateInputSerializer(serializers.Serializer):
    date = serializers.DateField(required=False, help_text="Defaults to today")
    text = serializers.CharField(max_length=5000)


class BenefitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Benefit
        fields = [
            "id",
            "type",
            "description",
            "value",
            "unit",
            "period",
            "money_kind",
            "how_measured",
            "confidence",
            "recorded_at",
        ]
        read_only_fields = ["id", "recorded_at"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("type") == Benefit.Type.MONEY and not attrs.get("money_kind"):
            raise serializers.ValidationError({"money_kind": "Say which kind of saving money is"})
        if attrs.get("type") != Benefit.Type.MONEY:
            attrs["money_kind"] = ""
        if attrs.get("value") is not None and attrs["value"] <= 0:
            raise serializers.ValidationError({"value": "Give an amount greater than 0"})
        return attrs


class ProjectSerializer(serializers.ModelSerializer):
    """A project as a list row: everything but the team, notes and history."""

    lead = PersonSerializer(read_only=True)
    organisations: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    places: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    priorities: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    is_published = serializers.BooleanField(read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "title",
            "status",
            "progress_score",
            "problem",
            "aim",
            "lead",
            "organisations",
            "places",
            "priorities",
            "start_date",
            "end_date",
            "co_production",
            "health_inequalities",
            "results",
            "is_published",
            "published_at",
            "updated_at",
            "url",
        ]


class ProjectDetailSerializer(ProjectSerializer):
    methods: Any = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")
    tags: Any = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    team = TeamMemberSerializer(source="memberships", many=True, read_only=True)

    class Meta(ProjectSerializer.Meta):
        fields = [
            *ProjectSerializer.Meta.fields,
            "how_we_will_know",
            "change_ideas",
            "learning",
            "methods",
            "tags",
            "team",
            "created_at",
            "version",
        ]


class SimilarQuerySerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    problem = serializers.CharField(required=False, default="", allow_blank=True)
    aim = serializers.CharField(required=False, default="", allow_blank=True)
    priorities = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    places = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    exclude = serializers.IntegerField(required=False, allow_null=True, default=None)


class SimilarProjectSerializer(serializers.Serializer):
    project = ProjectSerializer()
    score = serializers.FloatField(help_text="0 to 1")
    reasons = serializers.ListField(child=serializers.CharField())


class ProjectInputSerializer(serializers.Serializer):
    """What a client may write. On update, fields left out keep their values."""

    title = serializers.CharField(max_length=200)
    problem = serializers.CharField(required=False, allow_blank=True)
    aim = serializers.CharField(required=False, allow_blank=True)
    how_we_will_know = serializers.CharField(required=False, allow_blank=True)
    change_ideas = serializers.CharField(required=False, allow_blank=True)
    lead = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, help_text="Defaults to you"
    )
    organisations = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Organisation.objects.filter(is_active=True), required=False
    )
    places = serializers.PrimaryKeyRelatedField(many=True, queryset=Place.objects.all(), required=False)
    priorities = serializers.PrimaryKeyRelatedField(
        many=True, queryset=SystemPriority.objects.filter(is_active=True), required=False
    )
    methods = serializers.SlugRelatedField(
        many=True, slug_field="slug", queryset=Method.objects.all(), required=False
    )
    tags = serializers.ListField(child=serializers.CharField(max_length=60), required=False)
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    progress_score = serializers.DecimalField(
        max_digits=2, decimal_places=1, required=False, help_text="IHI progress score: 0.5 to 5.0 in halves"
    )
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)
    co_production = serializers.BooleanField(required=False)
    health_inequalities = serializers.BooleanField(required=False)
    results = serializers.CharField(required=False, allow_blank=True)
    learning = serializers.CharField(required=False, allow_blank=True)
    publish = serializers.BooleanField(
        required=False, default=False, help_text="On create: publish at once instead of saving a draft"
    )

    def validate_progress_score(self, value: Decimal) -> Decimal:
        if not valid_progress_score(value):
            raise serializers.ValidationError("Choose a progress score from 0.5 to 5.0, in steps of 0.5")
        return value


EXAMPLE = OpenApiExample(
    "A new project",
    value={
        "title": "Frailty virtual ward",
        "aim": "Support 40 people a day at home instead of in hospital by March 2027",
        "priorities": [1],
        "status": "testing",
        "progress_score": "2.5",
        "tags": ["virtual wards"],
        "publish": True,
    },
    request_only=True,
)


@extend_schema_view(
    list=extend_schema(
        summary="List and search projects",
        description="Published projects, and drafts you are on the team of. `q` searches the text "
        "(every word, as a prefix) and orders by relevance; the other parameters are the browse "
        "page's filters.",
        parameters=[
            OpenApiParameter(
                "sort", str, enum=[s.key for s in SORTS], description="Order (default: relevance or updated)"
            )
        ],
    ),
    retrieve=extend_schema(summary="One project, with its team"),
    create=extend_schema(
        summary="Register a project",
        request=ProjectInputSerializer,
        responses={201: ProjectDetailSerializer},
        examples=[EXAMPLE],
    ),
    update=extend_schema(
        summary="Change a project (team and admins)",
        request=ProjectInputSerializer,
        responses=ProjectDetailSerializer,
    ),
    partial_update=extend_schema(
        summary="Change some fields of a project (team and admins)",
        request=ProjectInputSerializer,
        responses=ProjectDetailSerializer,
    ),
)
class ProjectViewSet(
    VersionETagMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The improvement project register."""

    filterset_class = ProjectApiFilter
    serializer_class = ProjectSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        projects = selectors.for_listing(selectors.visible_projects(self.request.user))
        if self.action != "list":
            return projects.prefetch_related("methods", "tags", "memberships__user__organisation")
        return projects

    def filter_queryset(self, queryset):  # type: ignore[no-untyped-def]
        queryset = super().filter_queryset(queryset)
        if self.action != "list":
            return queryset
        sorts = {s.key: s for s in SORTS}
        sort = self.request.query_params.get("sort") or (
            "relevance" if self.request.query_params.get("q") else "updated"
        )
        ordering = sorts.get(sort, sorts["updated"]).ordering
        return queryset.order_by(*ordering) if ordering else queryset

    def sort_whole_below(self) -> int | None:
        """A search's page is read as the browse page reads it (`core.api_paging`)."""
        searching = self.action == "list" and bool(self.request.query_params.get("q", "").strip())
        return SORT_SEARCH_WHOLE_BELOW if searching else None

    def get_serializer_class(self):  # type: ignore[no-untyped-def]
        return ProjectSerializer if self.action == "list" else ProjectDetailSerializer

    def _detail(self, project: Project, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=project.pk)
        return Response(
            ProjectDetailSerializer(fresh, context=self.get_serializer_context()).data, status=code
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = ProjectInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        publish = values.pop("publish", False)
        project = services.project_create(actor=request.user, values=values, publish=publish)  # type: ignore[arg-type]
        return self._detail(project, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        project = self.get_object()
        if not can(request.user, "project.edit", project):
            raise PermissionDenied
        data = ProjectInputSerializer(data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values.pop("publish", None)
        services.project_update(
            actor=request.user,  # type: ignore[arg-type]
            project=project,
            values=values,
            expected_version=expected_version(request),
        )
        return self._detail(project)

    def _editable(self) -> Project:
        project = self.get_object()
        if not can(self.request.user, "project.edit", project):
            raise PermissionDenied
        return project

    @extend_schema(
        summary="Published projects like the described work, with reasons",
        description="The overlap check the registration form uses: pass what you know of the new work.",
        parameters=[
            OpenApiParameter("title", str, required=True),
            OpenApiParameter("problem", str),
            OpenApiParameter("aim", str),
            OpenApiParameter("priorities", int, many=True, description="System priority ids"),
            OpenApiParameter("places", int, many=True, description="Place ids"),
            OpenApiParameter("exclude", int, description="A project id to leave out (the project itself)"),
        ],
        responses=SimilarProjectSerializer(many=True),
    )
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def similar(self, request: Request) -> Response:
        params: dict[str, Any] = {
            key: request.query_params.getlist(key) if key in ("priorities", "places") else value
            for key, value in request.query_params.items()
        }
        query = SimilarQuerySerializer(data=params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        found = similar_projects(
            title=data["title"],
            problem=data["problem"],
            aim=data["aim"],
            priority_ids=data["priorities"],
            place_ids=data["places"],
            exclude_id=data["exclude"],
            rows=selectors.for_listing(Project.objects.all()),
        )
        return Response(SimilarProjectSerializer(found, many=True).data)

    @extend_schema(methods=["GET"], summary="The project's team", responses=TeamMemberSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        summary="Add someone to the team, or change their role (team and admins)",
        request=TeamMemberInputSerializer,
        responses={201: TeamMemberSerializer},
    )
    @action(
        detail=True, methods=["get", "post"], url_path="team", filterset_class=None, pagination_class=None
    )
    def team(self, request: Request, pk: str | None = None) -> Response:
        if request.method == "POST":
            project = self._editable()
            data = TeamMemberInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            member = services.team_member_add(actor=request.user, project=project, **data.validated_data)  # type: ignore[arg-type]
            return Response(TeamMemberSerializer(member).data, status=status.HTTP_201_CREATED)
        project = self.get_object()
        return Response(TeamMemberSerializer(project.memberships.all(), many=True).data)

    @extend_schema(
        summary="Remove someone from the team (team and admins)", request=None, responses={204: None}
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"team/(?P<member_id>[0-9]+)",
        url_name="team-member",
        filterset_class=None,
    )
    def team_member(self, request: Request, pk: str | None = None, member_id: str | None = None) -> Response:
        project = self._editable()
        member = get_object_or_404(TeamMember.objects.select_related("user"), project=project, pk=member_id)
        services.team_member_remove(actor=request.user, project=project, member=member)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        methods=["GET"], summary="The project's progress notes", responses=ProjectUpdateSerializer(many=True)
    )
    @extend_schema(
        methods=["POST"],
        summary="Add a progress note (team and admins)",
        request=ProjectUpdateInputSerializer,
        responses={201: ProjectUpdateSerializer},
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None, pagination_class=None)
    def updates(self, request: Request, pk: str | None = None) -> Response:
        if request.method == "POST":
            project = self._editable()
            data = ProjectUpdateInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            update = services.project_update_add(actor=request.user, project=project, **data.validated_data)  # type: ignore[arg-type]
            return Response(ProjectUpdateSerializer(update).data, status=status.HTTP_201_CREATED)
        project = self.get_object()
        notes = project.updates.select_related("author__organisation")
        return Response(ProjectUpdateSerializer(notes, many=True).data)

    @extend_schema(methods=["GET"], summary="The project's comments", responses=CommentSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        summary="Comment on the project (anyone who can see it); @handles notify people",
        request=CommentInputSerializer,
        responses={201: CommentSerializer},
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None, pagination_class=None)
    def comments(self, request: Request, pk: str | None = None) -> Response:
        return thread_response(request, self.get_object())

    @extend_schema(methods=["GET"], summary="The project's benefits", responses=BenefitSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        summary="Record a benefit (team and admins)",
        request=BenefitSerializer,
        responses={201: BenefitSerializer},
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None, pagination_class=None)
    def benefits(self, request: Request, pk: str | None = None) -> Response:
        if request.method == "POST":
            project = self._editable()
            data = BenefitSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            benefit = services.benefit_add(actor=request.user, project=project, values=data.validated_data)  # type: ignore[arg-type]
            return Response(BenefitSerializer(benefit).data, status=status.HTTP_201_CREATED)
        return Response(BenefitSerializer(self.get_object().benefits.all(), many=True).data)


router_routes = [("projects", ProjectViewSet, "project")]
# Any member of staff may use these; the viewset checks each project (projects.permissions).
access = {
    "project-list": SIGNED_IN,
    "project-detail": SIGNED_IN,
    "project-team": SIGNED_IN,
    "project-team-member": SIGNED_IN,
    "project-updates": SIGNED_IN,
    "project-comments": SIGNED_IN,
    "project-benefits": SIGNED_IN,
    "project-similar": SIGNED_IN,
}

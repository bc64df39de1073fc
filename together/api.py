"""`/api/v1/follows/`, `/api/v1/notifications/`, and the comment serializers the features' APIs use."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from core.access import SIGNED_IN
from together import services, subjects
from together.models import Comment, Follow, Notification
from together.selectors import comments_on


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    text = serializers.SerializerMethodField()
    removed = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = ["id", "author", "text", "created_at", "edited_at", "removed", "removal_reason"]

    def get_author(self, comment: Comment) -> str:
        return comment.author.display_name if comment.author else ""

    def get_text(self, comment: Comment) -> str:
        return "" if comment.removed_at else comment.text

    def get_removed(self, comment: Comment) -> bool:
        return comment.removed_at is not None


class CommentInputSerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=services.MAX_COMMENT, help_text="Plain text; @handle mentions a person"
    )


def thread_response(request: Request, subject: Any) -> Response:
    """GET: the subject's comments; POST: add one as the caller (who must be able to see the subject)."""
    if request.method == "POST":
        data = CommentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = services.comment_add(actor=request.user, subject=subject, text=data.validated_data["text"])
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)
    return Response(CommentSerializer(comments_on(subject), many=True).data)


class FollowSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(
        choices=["project", "request", "programme", "organisation"], write_only=True
    )
    id_followed = serializers.IntegerField(write_only=True, min_value=1, max_value=2**63 - 1)
    what = serializers.SerializerMethodField()

    class Meta:
        model = Follow
        fields = ["id", "kind", "id_followed", "what", "created_at"]
        read_only_fields = ["id", "what", "created_at"]

    def get_what(self, follow: Follow) -> dict[str, Any]:
        target = follow.target
        subject = subjects.of(target) if target is not None else None
        return {
            "kind": subject.key if subject else "",
            "id": follow.object_id,
            "title": subject.title(target) if subject else "",
        }


@extend_schema_view(
    list=extend_schema(summary="What the caller follows"),
    create=extend_schema(summary="Follow a project, request, programme or organisation"),
    destroy=extend_schema(summary="Stop following"),
)
class FollowViewSet(
    mixins.ListModelMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    serializer_class = FollowSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return Follow.objects.filter(user_id=self.request.user.pk or 0).order_by("-created_at", "-pk")

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = FollowSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        target = services.visible(
            request.user, data.validated_data["kind"], data.validated_data["id_followed"]
        )
        if target is None:
            refused = {"id_followed": ["Nothing of that kind with this id is yours to see"]}
            return Response(refused, status=status.HTTP_400_BAD_REQUEST)
        follow = services.follow(actor=request.user, target=target)
        return Response(FollowSerializer(follow).data, status=status.HTTP_201_CREATED)


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "text", "url", "created_at", "read_at"]


@extend_schema_view(
    list=extend_schema(summary="The caller's feed: changes, comments and mentions, newest first")
)
class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = NotificationSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return Notification.objects.filter(user_id=self.request.user.pk or 0).order_by("-created_at", "-pk")


router_routes = [("follows", FollowViewSet, "follow"), ("notifications", NotificationViewSet, "notification")]
# Each person sees and changes only their own follows and notifications (the querysets are theirs).
access = {
    "follow-list": SIGNED_IN,
    "follow-detail": SIGNED_IN,
    "notification-list": SIGNED_IN,
}

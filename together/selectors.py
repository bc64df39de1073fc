"""What pages show of working together: a subject's thread, a person's feed and what they follow."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from core.permissions import can
from together import subjects
from together.forms import CommentForm
from together.models import Comment, Follow, Notification, Preference
from together.services import is_following, may_see


def comments_on(obj: Any) -> QuerySet[Comment]:
    return Comment.objects.filter(**subjects.pointer(obj)).select_related("author")


def thread(user: Any, obj: Any) -> dict[str, Any]:
    """The comments and follow button under a subject, for `templates/together/_thread.jinja`."""
    subject = subjects.of(obj)
    assert subject is not None
    comments = list(comments_on(obj))
    for comment in comments:
        comment.may_edit = can(user, "comment.edit", comment)  # type: ignore[attr-defined]
        comment.may_remove = can(user, "comment.remove", comment)  # type: ignore[attr-defined]
    return {
        "thread_key": subject.key,
        "thread_object": obj,
        "comments": comments,
        "following": is_following(user, obj),
        "comment_form": CommentForm(),
        "can_comment": may_see(user, obj),
    }


def feed(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def unread_count(user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def followed(user: Any) -> list[tuple[str, Any, Follow]]:
    """What the person follows: (kind of thing, the thing, the follow), with things deleted since left out."""
    out = []
    for follow in Follow.objects.filter(user=user).select_related("content_type").order_by("-created_at"):
        target = follow.target
        subject = subjects.of(target) if target is not None else None
        if subject is not None:
            out.append((subject.key, target, follow))
    return out


def preferences(user: Any) -> dict[str, str]:
    return dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))

"""Comments, follows and activity: every write goes through here, asks its permission rule, and tells
the people concerned (together.notify)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from community.models import User
from core.audit import audit_record
from core.permissions import can, require
from core.roles import load_roles
from together import mentions, subjects
from together.models import Activity, Comment, Follow, Kind
from together.notify import notify

MAX_COMMENT = 5000


def _subject_of(obj: Any) -> subjects.Subject:
    subject = subjects.of(obj)
    if subject is None or not subject.commentable:
        raise ValueError(f"{type(obj).__name__} is not registered as a subject")
    return subject


def may_see(user: Any, obj: Any) -> bool:
    subject = subjects.of(obj)
    return subject is not None and (not subject.view_rule or can(user, subject.view_rule, obj))


def visible(user: Any, key: str, pk: int) -> Any:
    """The subject or followable of kind `key` with this id if the user may see it, else None."""
    obj = subjects.find(key, pk)
    return obj if obj is not None and may_see(user, obj) else None


def followers(obj: Any) -> list[User]:
    """Everyone who follows the subject itself or one of the organisations and programmes it belongs to,
    and the people taking part in it (a project's team, a request's requester)."""
    subject = subjects.of(obj)
    targets = [obj, *(subject.audiences(obj) if subject else [])]
    condition = Q()
    for target in targets:
        condition |= Q(**subjects.pointer(target))
    ids = set(Follow.objects.filter(condition).values_list("user_id", flat=True))
    ids |= set(subject.participants(obj) if subject else [])
    return list(User.objects.filter(pk__in=ids, is_active=True))


def audience(people: list[User], subject: Any, *, leaving_out: set[int]) -> list[User]:
    """Those of `people` who may see the subject, less `leaving_out`; their roles read in one query."""
    wanted = [u for u in people if u.pk not in leaving_out]
    load_roles(wanted)
    return [u for u in wanted if may_see(u, subject)]


def _clean_text(text: str) -> str:
    cleaned = text.replace("\x00", "").strip()
    if not cleaned:
        raise ValidationError({"text": "Write your comment"})
    if len(cleaned) > MAX_COMMENT:
        raise ValidationError({"text": f"A comment can be at most {MAX_COMMENT:,} characters"})
    return cleaned


def _mentioned(text: str) -> list[User]:
    wanted = mentions.handles(text)
    if not wanted:
        return []
    condition = Q()
    for handle in wanted:
        condition |= Q(email__istartswith=f"{handle}@")
    return list(User.objects.filter(condition, is_active=True))


def record(*, subject: Any, actor: Any, text: str) -> Activity:
    """Something happened to a subject: it joins the feeds of everyone following it, and their digest."""
    described = _subject_of(subject)
    activity = Activity.objects.create(
        **subjects.pointer(subject),
        actor=actor if getattr(actor, "pk", None) else None,
        text=text[:300],
        title=described.title(subject)[:200],
        url=described.url(subject)[:300],
    )
    notify(
        users=audience(followers(subject), subject, leaving_out={getattr(actor, "pk", None) or 0}),
        kind=Kind.ACTIVITY,
        text=f"{described.title(subject)}: {text}"[:300],
        url=activity.url,
        key=f"activity:{activity.pk}",
    )
    return activity


def comment_add(*, actor: Any, subject: Any, text: str) -> Comment:
    described = _subject_of(subject)
    if not may_see(actor, subject):
        raise PermissionDenied("Not allowed: comment")
    body = _clean_text(text)
    with transaction.atomic():
        comment = Comment.objects.create(**subjects.pointer(subject), author=actor, text=body)
        title = described.title(subject)
        url = f"{described.url(subject)}#comment-{comment.pk}"
        mentioned = audience(_mentioned(body), subject, leaving_out={actor.pk})
        notify(
            users=mentioned,
            kind=Kind.MENTION,
            text=f"{actor.display_name} mentioned you on {title}"[:300],
            url=url,
            key=f"mention:{comment.pk}",
        )
        notify(
            users=audience(followers(subject), subject, leaving_out={actor.pk, *(u.pk for u in mentioned)}),
            kind=Kind.COMMENT,
            text=f"{actor.display_name} commented on {title}"[:300],
            url=url,
            key=f"comment:{comment.pk}",
        )
    return comment


def comment_edit(*, actor: Any, comment: Comment, text: str) -> Comment:
    require(actor, "comment.edit", comment)
    comment.text = _clean_text(text)
    comment.edited_at = timezone.now()
    comment.save(update_fields=["text", "edited_at"])
    return comment


def comment_remove(*, actor: Any, comment: Comment, reason: str = "") -> Comment:
    """The author deletes their comment; an admin removing someone else's must say why, and it is audited."""
    require(actor, "comment.remove", comment)
    moderated = comment.author_id != actor.pk
    if moderated and not reason.strip():
        raise ValidationError({"reason": "Say why the comment is removed: its author is told"})
    with transaction.atomic():
        comment.removed_at, comment.removed_by, comment.removal_reason = (
            timezone.now(),
            actor,
            reason.strip()[:200],
        )
        comment.save(update_fields=["removed_at", "removed_by", "removal_reason"])
        if moderated:
            audit_record(
                actor=actor, obj=comment, action="moderated", message=f"Removed: {comment.removal_reason}"
            )
            target = comment.subject
            described = subjects.of(target) if target is not None else None
            if described is not None and comment.author is not None:
                notify(
                    users=[comment.author],
                    kind=Kind.COMMENT,
                    text=f"A community admin removed your comment on {described.title(target)}: "
                    f"{comment.removal_reason}"[:300],
                    url=f"{described.url(target)}#comment-{comment.pk}",
                    key=f"removed:{comment.pk}",
                )
    return comment


def follow(*, actor: Any, target: Any) -> Follow:
    if subjects.of(target) is None:
        raise ValueError(f"{type(target).__name__} cannot be followed")
    if not may_see(actor, target):
        raise PermissionDenied("Not allowed: follow")
    found, _ = Follow.objects.get_or_create(user=actor, **subjects.pointer(target))
    return found


def unfollow(*, actor: Any, target: Any) -> None:
    Follow.objects.filter(user=actor, **subjects.pointer(target)).delete()


def is_following(user: Any, target: Any) -> bool:
    return Follow.objects.filter(user_id=getattr(user, "pk", None) or 0, **subjects.pointer(target)).exists()

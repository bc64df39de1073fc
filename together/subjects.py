"""What can be commented on and followed. Feature apps register their subjects here (in their
AppConfig.ready), so this app, in a lower layer, never imports them.

A subject (a project, a facilitation request) has a thread of comments, a feed and followers; it names
the wider things it belongs to (`audiences`: its organisations and programmes), so that people who
follow those hear about it too. A followable (an organisation, a programme) can only be followed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models


@dataclass(frozen=True)
class Subject:
    key: str
    model: type[models.Model]
    view_rule: str  # the permission rule that says who may see it (and so read and write its thread)
    title: Callable[[Any], str]
    url: Callable[[Any], str]
    audiences: Callable[[Any], list[Any]] = field(default=lambda obj: [])
    # The people who hear about it without following it: a project's team, a request's requester.
    participants: Callable[[Any], list[int]] = field(default=lambda obj: [])
    commentable: bool = True


_subjects: dict[str, Subject] = {}


def register(subject: Subject) -> None:
    _subjects[subject.key] = subject


def register_followable(
    key: str, model: type[models.Model], title: Callable[[Any], str], url: Callable[[Any], str]
) -> None:
    _subjects.setdefault(key, Subject(key, model, "", title, url, commentable=False))


def by_key(key: str) -> Subject | None:
    return _subjects.get(key)


def of(obj: Any) -> Subject | None:
    for subject in _subjects.values():
        if isinstance(obj, subject.model):
            return subject
    return None


def keys() -> list[str]:
    return list(_subjects)


def find(key: str, pk: int) -> Any:
    """The registered thing of kind `key` with this id, or None."""
    subject = _subjects.get(key)
    return subject.model._default_manager.filter(pk=pk).first() if subject else None


def pointer(obj: Any) -> dict[str, Any]:
    """The fields that point a comment, follow or activity at `obj`, for creating or filtering."""
    return {"content_type": ContentType.objects.get_for_model(obj), "object_id": obj.pk}

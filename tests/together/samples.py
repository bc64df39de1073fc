"""Sample URL arguments for the together app's routes (see tests/route_samples.py): a published project
whose team is every existing user, and a comment on it by a person who is none of the personas."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.community.factories import UserFactory
from tests.projects.samples import _project
from together import notify, services


def _subject_kwargs() -> dict[str, Any]:
    return {"key": "project", "pk": _project().pk}


def _comment_kwargs() -> dict[str, Any]:
    project = _project()
    return {"pk": services.comment_add(actor=project.lead, subject=project, text="A sample comment").pk}


def _follow_kwargs() -> dict[str, Any]:
    return {"pk": services.follow(actor=UserFactory(), target=_project()).pk}


TOGETHER_SAMPLES: dict[str, Callable[[], dict[str, Any]]] = {
    "together:comment_add": _subject_kwargs,
    "together:comment_edit": _comment_kwargs,
    "together:comment_remove": _comment_kwargs,
    "together:follow": _subject_kwargs,
    "api:follow-detail": _follow_kwargs,
    "api:project-comments": lambda: {"pk": _project().pk},
    "api:project-benefits": lambda: {"pk": _project().pk},
    "together:unsubscribe": lambda: {"token": notify.unsubscribe_token(UserFactory().pk, "activity")},
}

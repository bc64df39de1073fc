"""Sample URL arguments for the project register's routes (see tests/route_samples.py).

The route walk checks the route-level gate, so each sample project has every existing user on its team:
whoever walks the routes may then open its edit pages. Object-level refusals are tested per view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from community.models import User
from tests.projects.factories import AttachmentFactory, BenefitFactory, ProjectFactory


def _project() -> Any:
    return ProjectFactory(team=list(User.objects.all()))


def _project_kwargs() -> dict[str, Any]:
    return {"pk": _project().pk}


def _member_kwargs() -> dict[str, Any]:
    project = _project()
    member = project.memberships.exclude(user=project.lead).first() or project.memberships.first()
    return {"pk": project.pk, "member_id": member.pk}


def _attachment_kwargs() -> dict[str, Any]:
    attachment = AttachmentFactory(project=_project())
    return {"pk": attachment.project_id, "attachment_id": attachment.pk}


def _benefit_kwargs() -> dict[str, Any]:
    benefit = BenefitFactory(project=_project())
    return {"pk": benefit.project_id, "benefit_id": benefit.pk}


PROJECT_SAMPLES: dict[str, Callable[[], dict[str, Any]]] = {
    "projects:detail": _project_kwargs,
    "projects:story": _project_kwargs,
    "projects:edit": _project_kwargs,
    "projects:publish": _project_kwargs,
    "projects:progress_accept": _project_kwargs,
    "projects:nominate": _project_kwargs,
    "projects:benefit_add": _project_kwargs,
    "projects:benefit_remove": _benefit_kwargs,
    "projects:team": _project_kwargs,
    "projects:team_remove": _member_kwargs,
    "projects:update_add": _project_kwargs,
    "projects:attachment_add": _project_kwargs,
    "projects:attachment": _attachment_kwargs,
    "projects:attachment_remove": _attachment_kwargs,
    "api:project-detail": _project_kwargs,
    "api:project-team": _project_kwargs,
    "api:project-updates": _project_kwargs,
    "api:project-team-member": _member_kwargs,
}

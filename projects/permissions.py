"""Who may do what to a project: its lead and team edit; everyone signed in reads published projects;
drafts are seen by their team and community admins only; admins may do anything."""

from __future__ import annotations

from typing import Any

from core.permissions import is_admin, rule
from projects.rules import SHOWCASE_STATUSES


def is_on_team(user: Any, project: Any) -> bool:
    """Lead or team member. Uses the prefetched memberships when the page loaded them."""
    if project is None or not getattr(user, "pk", None):
        return False
    if project.lead_id == user.pk:
        return True
    return any(m.user_id == user.pk for m in project.memberships.all())


@rule("project.create")
def can_create(user: Any, obj: Any) -> bool:
    return True  # any signed-in member of staff (anonymous users have no roles and are refused first)


@rule("project.view")
def can_view(user: Any, project: Any) -> bool:
    return project.published_at is not None or is_admin(user) or is_on_team(user, project)


@rule("project.edit")
def can_edit(user: Any, project: Any) -> bool:
    return is_admin(user) or is_on_team(user, project)


@rule("project.publish")
def can_publish(user: Any, project: Any) -> bool:
    return can_edit(user, project)


@rule("project.nominate")
def can_nominate(user: Any, project: Any) -> bool:
    """Anyone who can see a published project that is completed, spreading or sustaining."""
    return project.published_at is not None and project.status in SHOWCASE_STATUSES


@rule("project.celebrate")
def can_celebrate(user: Any, project: Any) -> bool:
    """Community admins award the showcase badge."""
    return is_admin(user) and (project is None or project.status in SHOWCASE_STATUSES)

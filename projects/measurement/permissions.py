"""Who may see and change a project's measurement: everyone signed in sees it on a published project; the
project's lead and team (and community admins) see it on a draft and change it."""

from __future__ import annotations

from typing import Any

from core.permissions import is_admin, rule


def on_team(user: Any, project: Any) -> bool:
    """Lead or team member; uses prefetched memberships when the page loaded them."""
    if project is None or not getattr(user, "pk", None):
        return False
    if project.lead_id == user.pk:
        return True
    return any(m.user_id == user.pk for m in project.memberships.all())


@rule("measurement.view")
def can_view(user: Any, project: Any) -> bool:
    return project.published_at is not None or is_admin(user) or on_team(user, project)


@rule("measurement.edit")
def can_edit(user: Any, project: Any) -> bool:
    return is_admin(user) or on_team(user, project)

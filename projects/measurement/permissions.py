"""Who may see and change a project's measurement: the same people who may see and edit the project
(projects/permissions.py): everyone signed in on a published project, its lead and team (and community
admins) on a draft; the lead, team and admins change it."""

from __future__ import annotations

from typing import Any

from core.permissions import can, is_admin, rule


@rule("measurement.view")
def can_view(user: Any, project: Any) -> bool:
    return can(user, "project.view", project)


@rule("measurement.edit")
def can_edit(user: Any, project: Any) -> bool:
    return can(user, "project.edit", project)


@rule("measurement.configure")
def can_configure(user: Any, obj: Any = None) -> bool:
    """The community's measurement settings (the default rule set) are community admins' to change."""
    return is_admin(user)

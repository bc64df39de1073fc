"""Object rules for governance: who may record a body's meetings and update the delivery plan."""

from __future__ import annotations

from typing import Any

from core.permissions import is_admin, rule
from core.roles import Role, has_role


def _is_member(user: Any, body: Any) -> bool:
    return any(m.user_id == user.pk and m.is_active for m in body.members.all())


@rule("meeting.view")
def view_meeting(user: Any, meeting: Any) -> bool:
    return has_role(user, Role.COMMUNITY_ADMIN, Role.STEERING_GROUP, Role.IMPROVEMENT_BOARD)


@rule("body.record")
def record_for_body(user: Any, body: Any) -> bool:
    """Admins, and active members of the body, create and record its meetings."""
    return is_admin(user) or (body is not None and _is_member(user, body))


@rule("meeting.record")
def record_meeting(user: Any, meeting: Any) -> bool:
    return is_admin(user) or (meeting is not None and _is_member(user, meeting.body))


@rule("plan.view_action")
def view_action(user: Any, action: Any) -> bool:
    """The board and admins read every action; anyone else only the actions they own."""
    return has_role(user, Role.COMMUNITY_ADMIN, Role.IMPROVEMENT_BOARD) or (
        action is not None and action.owner_id == user.pk
    )


@rule("plan.edit")
def edit_plan(user: Any, obj: Any) -> bool:
    return is_admin(user)


@rule("plan.note")
def note_progress(user: Any, action: Any) -> bool:
    """Admins and the action's owner add progress notes."""
    return is_admin(user) or (action is not None and action.owner_id == user.pk)


@rule("assessment.edit")
def edit_assessment(user: Any, obj: Any) -> bool:
    return is_admin(user)


@rule("dashboards.rebuild")
def rebuild_dashboards(user: Any, obj: Any) -> bool:
    return is_admin(user)

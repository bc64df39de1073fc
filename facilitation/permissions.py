"""Object rules for facilitation requests and the framework (asked through core.permissions.can)."""

from __future__ import annotations

from typing import Any

from core.permissions import rule
from core.roles import Role, has_role
from facilitation.status import EDITABLE_BY_ADMIN, EDITABLE_BY_REQUESTER, TRIAGE, Actor, Status


def actors(user: Any, request: Any) -> frozenset[Actor]:
    """What the status machine should treat this user as, for this request."""
    found = set()
    if request is not None and request.requester_id == user.pk:
        found.add(Actor.REQUESTER)
    if has_role(user, Role.COMMUNITY_ADMIN):
        found.add(Actor.ADMIN)
    if has_role(user, Role.STEERING_GROUP):
        found.add(Actor.STEERING)
    return frozenset(found)


def is_admin(user: Any) -> bool:
    return has_role(user, Role.COMMUNITY_ADMIN)


def is_decider(user: Any) -> bool:
    return has_role(user, Role.STEERING_GROUP, Role.COMMUNITY_ADMIN)


@rule("facilitation_request.view")
def can_view(user: Any, request: Any) -> bool:
    if request.requester_id == user.pk or is_admin(user):
        return True
    return is_decider(user) and request.status != Status.DRAFT


@rule("facilitation_request.edit")
def can_edit(user: Any, request: Any) -> bool:
    if request.requester_id == user.pk and request.status in EDITABLE_BY_REQUESTER:
        return True
    return is_admin(user) and request.status in EDITABLE_BY_ADMIN


@rule("facilitation_request.triage")
def can_triage(user: Any, request: Any) -> bool:
    return is_admin(user) and request.status in TRIAGE


@rule("facilitation_request.score")
def can_score(user: Any, request: Any) -> bool:
    return has_role(user, Role.STEERING_GROUP) and request.status == Status.QUEUED


@rule("facilitation_request.decide")
def can_decide(user: Any, request: Any) -> bool:
    return is_decider(user) and request.status == Status.QUEUED


@rule("facilitation_request.manage")
def can_manage(user: Any, request: Any) -> bool:
    """Start, close or bring back a deferred request."""
    return is_decider(user) and request.status in (Status.ACCEPTED, Status.IN_PROGRESS, Status.DEFERRED)


@rule("facilitation_framework.edit")
def can_edit_framework(user: Any, _obj: Any = None) -> bool:
    return is_decider(user)


@rule("facilitation_triage.view")
def can_see_triage(user: Any, _obj: Any = None) -> bool:
    return is_admin(user)


@rule("facilitation_request.assign")
def can_assign(user: Any, request: Any) -> bool:
    """Commit facilitators to accepted work (overriding capacity is for admins: the register checks)."""
    return is_decider(user) and request.status in (Status.ACCEPTED, Status.IN_PROGRESS)

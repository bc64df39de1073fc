"""The portal's roles. Every signed-in, active user is staff; the other roles are Django groups.

A superuser holds every role. Roles are read once per request and cached on the user object.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    STAFF = "staff"
    STEERING_GROUP = "steering_group"
    IMPROVEMENT_BOARD = "improvement_board"
    COMMUNITY_ADMIN = "community_admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.STAFF: "Staff",
    Role.STEERING_GROUP: "Steering group",
    Role.IMPROVEMENT_BOARD: "Improvement board",
    Role.COMMUNITY_ADMIN: "Community admin",
}

# The Django group that carries each role other than staff. Group names are what admins see.
GROUP_NAMES = {
    Role.STEERING_GROUP: "Steering group",
    Role.IMPROVEMENT_BOARD: "Improvement board",
    Role.COMMUNITY_ADMIN: "Community admin",
}
_ROLE_BY_GROUP = {name: role for role, name in GROUP_NAMES.items()}


def _roles_from(names: Any) -> frozenset[Role]:
    return frozenset({Role.STAFF, *(_ROLE_BY_GROUP[n] for n in names if n in _ROLE_BY_GROUP)})


def load_roles(users: Iterable[Any]) -> None:
    """Read the roles of many users in one query (for checking a rule for each of them in a loop)."""
    waiting = {u.pk: u for u in users if not hasattr(u, "_portal_roles")}
    if not waiting:
        return
    model = next(iter(waiting.values())).groups.through
    names: dict[int, list[str]] = {pk: [] for pk in waiting}
    for user_id, name in model.objects.filter(user_id__in=waiting).values_list("user_id", "group__name"):
        names[user_id].append(name)
    for pk, user in waiting.items():
        user._portal_roles = frozenset(Role) if user.is_superuser else _roles_from(names[pk])


def roles_of(user: Any) -> frozenset[Role]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    names = () if user.is_superuser else user.groups.values_list("name", flat=True)
    roles = frozenset(Role) if user.is_superuser else _roles_from(names)
    user._portal_roles = roles
    return roles


def has_role(user: Any, *roles: Role) -> bool:
    """True when the user holds any of the given roles."""
    return bool(roles_of(user) & set(roles))


def forget_roles(user: Any) -> None:
    """Drop the per-request cache after changing a user's groups."""
    if hasattr(user, "_portal_roles"):
        del user._portal_roles

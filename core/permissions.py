"""The one place that answers "may this user do this action to this object?".

Apps declare their rules in `<app>/permissions.py` with the `@rule("entity.action")` decorator; views,
templates (`can(...)`), the API and services all ask `can(user, "entity.action", obj)`. Unknown actions
raise, so a typo fails the tests instead of silently denying. Inactive and anonymous users may do nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied

from core.roles import Role, has_role, roles_of

Rule = Callable[[Any, Any], bool]
_RULES: dict[str, Rule] = {}


class UnknownAction(LookupError):
    pass


def rule(action: str) -> Callable[[Rule], Rule]:
    def register(func: Rule) -> Rule:
        if action in _RULES and _RULES[action] is not func:
            raise ValueError(f"A rule for {action!r} is already registered")
        _RULES[action] = func
        return func

    return register


def can(user: Any, action: str, obj: Any = None) -> bool:
    try:
        check = _RULES[action]
    except KeyError:
        raise UnknownAction(f"No permission rule is declared for {action!r}") from None
    if not roles_of(user):
        return False
    return bool(check(user, obj))


def require(user: Any, action: str, obj: Any = None) -> None:
    """Raise PermissionDenied unless `can(...)`; for services that must refuse whatever calls them."""
    if not can(user, action, obj):
        raise PermissionDenied(f"Not allowed: {action}")


def actions() -> list[str]:
    return sorted(_RULES)


def is_admin(user: Any) -> bool:
    return has_role(user, Role.COMMUNITY_ADMIN)

"""Object rules for the champion register (asked through core.permissions.can)."""

from __future__ import annotations

from typing import Any

from core.permissions import is_admin, rule
from core.roles import Role, has_role


@rule("champion.view")
def view(user: Any, champion: Any) -> bool:
    """Listed champions are visible to all staff; an unlisted entry only to its person and to admins."""
    if champion is None:
        return True
    return bool(champion.is_listed or champion.person_id == user.pk or is_admin(user))


@rule("champion.manage")
def manage(user: Any, champion: Any = None) -> bool:
    return is_admin(user)


@rule("champion.consent")
def consent(user: Any, champion: Any) -> bool:
    return champion is not None and champion.person_id == user.pk


@rule("champion.nominate")
def nominate(user: Any, obj: Any = None) -> bool:
    return True  # any member of staff (route access already requires a signed-in, active user)


@rule("commitment.override")
def override_capacity(user: Any, champion: Any = None) -> bool:
    """Committing a champion beyond their agreed hours, with a reason: community admins."""
    return is_admin(user)


@rule("champion.dosage")
def see_dosage(user: Any, obj: Any = None) -> bool:

    return has_role(user, Role.IMPROVEMENT_BOARD, Role.COMMUNITY_ADMIN)

"""Who may do what in training: community admins everything; faculty admins their own faculty's imports,
records and cohort registers; everyone their own records.

A user becomes a faculty admin of a provider through a `FacultyAdmin` row, which community admins add in
the admin site (Training: Providers, or Faculty admins).
"""

from __future__ import annotations

from typing import Any

from core.permissions import is_admin, rule
from training.models import FacultyAdmin


def administered_provider_ids(user: Any) -> frozenset[int]:
    """The providers this user is a faculty admin of (read once per request, cached on the user)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_faculty_provider_ids", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]

    ids = frozenset(FacultyAdmin.objects.filter(user=user).values_list("provider_id", flat=True))
    user._faculty_provider_ids = ids
    return ids


def forget_faculties(user: Any) -> None:
    if hasattr(user, "_faculty_provider_ids"):
        del user._faculty_provider_ids


def runs_a_faculty(user: Any) -> bool:
    return is_admin(user) or bool(administered_provider_ids(user))


@rule("training.import")
def can_import(user: Any, provider: Any) -> bool:
    """Load a faculty's spreadsheet, or create its records through the API."""
    return is_admin(user) or (provider is not None and provider.pk in administered_provider_ids(user))


@rule("training.manage_cohort")
def can_manage_cohort(user: Any, cohort: Any) -> bool:
    """Mark attendance and completion on a cohort's register."""
    return is_admin(user) or cohort.programme.provider_id in administered_provider_ids(user)


@rule("training.see_import")
def can_see_import(user: Any, batch: Any) -> bool:
    return is_admin(user) or batch.provider_id in administered_provider_ids(user)


@rule("training.see_person")
def can_see_person(user: Any, trainee: Any) -> bool:
    """A person's training history: the person, their faculties' admins and community admins."""
    if is_admin(user):
        return True
    if trainee.user_id == user.pk or trainee.email == (user.email or "").lower():
        return True
    faculties = administered_provider_ids(user)
    return bool(faculties) and trainee.records.filter(programme__provider_id__in=faculties).exists()


@rule("training.run_faculty")
def can_run_faculty(user: Any, _obj: Any = None) -> bool:
    """Sees the faculty tools: imports, all of their faculty's records, cohort registers."""
    return runs_a_faculty(user)

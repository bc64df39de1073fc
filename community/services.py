"""Writes for people and reference data. Views, the API and admin actions call these."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from community.models import Organisation, Place, User
from core.audit import audit_record, changes_between, snapshot

PROFILE_FIELDS = ["first_name", "last_name", "organisation", "job_title", "place"]


@transaction.atomic
def user_update_profile(
    *,
    user: User,
    actor: User,
    first_name: str,
    last_name: str,
    organisation: Organisation | None,
    job_title: str,
    place: Place | None,
) -> User:
    before = snapshot(user, PROFILE_FIELDS)
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.organisation = organisation
    user.job_title = job_title.strip()
    user.place = place
    user.full_clean(exclude=["password"])
    user.save(update_fields=PROFILE_FIELDS)
    changes = changes_between(before, snapshot(user, PROFILE_FIELDS))
    if changes:
        audit_record(actor=actor, obj=user, action="profile_updated", changes=changes)
    return user


def profile_values(cleaned: dict[str, Any]) -> dict[str, Any]:
    return {
        name: cleaned.get(name) or ("" if name in ("first_name", "last_name", "job_title") else None)
        for name in PROFILE_FIELDS
    }

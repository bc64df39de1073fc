"""Rebuild the community dashboard soon after people or organisations change (debounced)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from governance.dashboards.triggers import data_changed


def _user_saved(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if update_fields and set(update_fields) <= {"last_login", "password"}:
        return  # signing in changes nothing the dashboards count
    data_changed("community.user")


def _user_groups_changed(sender: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        data_changed("community.user")


def _organisation_changed(sender: Any, **kwargs: Any) -> None:
    data_changed("community.organisation")


def connect() -> None:
    from community.models import Organisation, User

    post_save.connect(_user_saved, sender=User, dispatch_uid="governance-user-saved")
    post_delete.connect(_user_saved, sender=User, dispatch_uid="governance-user-deleted")
    m2m_changed.connect(
        _user_groups_changed, sender=User.groups.through, dispatch_uid="governance-user-groups"
    )
    post_save.connect(_organisation_changed, sender=Organisation, dispatch_uid="governance-org-saved")
    post_delete.connect(_organisation_changed, sender=Organisation, dispatch_uid="governance-org-deleted")

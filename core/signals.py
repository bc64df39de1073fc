"""Keep the role groups in step with the code after every migrate."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

from core.roles import GROUP_NAMES, Role

# Community admins manage the data of these apps in the admin; other roles get no model permissions.
ADMIN_MANAGED_APPS = [
    "community",
    "dashboards",
    "projects",
    "training",
    "champions",
    "facilitation",
    "governance",
    "core",
    "authtoken",
    "auth",
    "account",
]


def ensure_role_groups(**kwargs: Any) -> None:
    groups = {role: Group.objects.get_or_create(name=name)[0] for role, name in GROUP_NAMES.items()}
    perms = Permission.objects.filter(content_type__app_label__in=ADMIN_MANAGED_APPS)
    groups[Role.COMMUNITY_ADMIN].permissions.set(perms)

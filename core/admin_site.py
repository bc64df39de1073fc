"""The Django admin, opened to community admins by role rather than by the `is_staff` flag."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest

from core.roles import Role, has_role


class PortalAdminSite(admin.AdminSite):
    site_header = "Improvement Community administration"
    site_title = "Improvement Community admin"
    index_title = "Reference data, registers and records"

    def has_permission(self, request: HttpRequest) -> bool:
        return has_role(request.user, Role.COMMUNITY_ADMIN)


class PortalAdminConfig(AdminConfig):
    default_site = "core.admin_site.PortalAdminSite"
